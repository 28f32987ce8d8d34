// The comparison shortlist of careers and courses: progressive enhancement only.
//
// Without this file (or with browser storage blocked) nothing is lost: the careers and course
// lists are GET forms that submit to their comparisons, a career or course page's "Add to
// comparison" is a link or form carrying the choice in the URL, and a comparison's address is
// the shortlist itself, to share or bookmark.
//
// With it, the shortlist lives in localStorage and survives visits: ticking a card, "Add to
// comparison" on a career or course page, and "Remove" on a comparison all update it; a bar
// shows the count, each item with a remove button (announced politely), links to compare the
// careers (2–4) or the courses (2–16) and a link to share either list. A shared career
// comparison opened with an empty shortlist becomes the shortlist. No inline script: the page's
// Content-Security-Policy allows scripts from our own origin only.
(function () {
  "use strict";

  var KEYS = { career: "portal.careerShortlist", course: "portal.courseShortlist" };
  var PLACES_KEY = "portal.shortlistPlaces"; // each kind's comparison address, learned from its pages
  var DEFAULT_MAX = { career: 4, course: 16 };
  var NOUNS = { career: ["career", "careers"], course: ["course", "courses"] };
  var PARAMETER = { career: "careers", course: "courses" };

  function read(key, fallback) {
    var value = JSON.parse(window.localStorage.getItem(key) || "null");
    return value === null ? fallback : value;
  }

  function load() {
    var lists = {};
    Object.keys(KEYS).forEach(function (kind) {
      var items = read(KEYS[kind], []);
      lists[kind] = Array.isArray(items)
        ? items.filter(function (item) { return item && typeof item.slug === "string"; })
        : [];
    });
    var places = read(PLACES_KEY, {});
    return { lists: lists, places: places && typeof places === "object" ? places : {} };
  }

  var state;
  try {
    state = load();
  } catch (error) {
    state = null; // storage blocked (private mode, policy) or unreadable: the plain forms remain
  }

  function save() {
    try {
      Object.keys(KEYS).forEach(function (kind) {
        window.localStorage.setItem(KEYS[kind], JSON.stringify(state.lists[kind]));
      });
      window.localStorage.setItem(PLACES_KEY, JSON.stringify(state.places));
    } catch (error) {
      // Full or blocked since the page loaded: the shortlist lasts for this page only.
    }
  }

  function kindOf(element) {
    // Markup without a kind is the course list's and course pages', which came first.
    return element.getAttribute("data-shortlist-kind") === "career" ? "career" : "course";
  }

  function counted(count, kind) {
    return count + " " + NOUNS[kind][count === 1 ? 0 : 1];
  }

  var bar = document.querySelector("[data-shortlist]");
  var pageKind = bar ? kindOf(bar) : null;

  function maxFor(kind) {
    var max = bar && kind === pageKind ? parseInt(bar.getAttribute("data-max"), 10) : NaN;
    return max > 0 ? max : DEFAULT_MAX[kind];
  }

  function say(selector, message) {
    var box = bar && bar.querySelector(selector);
    if (box) {
      box.textContent = message;
    }
  }

  function has(kind, slug) {
    return state.lists[kind].some(function (item) { return item.slug === slug; });
  }

  function add(kind, slug, title, quietly) {
    if (has(kind, slug)) {
      return true;
    }
    if (state.lists[kind].length >= maxFor(kind)) {
      say("[data-shortlist-message]", "You can compare up to " + counted(maxFor(kind), kind) +
        ". Remove one before adding another.");
      return false;
    }
    state.lists[kind].push({ slug: slug, title: title || slug });
    save();
    if (!quietly) {
      say("[data-shortlist-announce]", "Added " + (title || slug) + ". " +
        counted(state.lists[kind].length, kind) + " in your shortlist.");
    }
    return true;
  }

  function remove(kind, slug) {
    var gone = state.lists[kind].filter(function (item) { return item.slug === slug; })[0];
    state.lists[kind] = state.lists[kind].filter(function (item) { return item.slug !== slug; });
    save();
    if (gone) {
      say("[data-shortlist-announce]", "Removed " + gone.title + ". " +
        counted(state.lists[kind].length, kind) + " left in your shortlist.");
    }
  }

  function compareHref(kind) {
    var base = state.places[kind] || "";
    var slugs = state.lists[kind].map(function (item) { return item.slug; });
    if (kind === "career") {
      // The canonical order (A–Z by address), so every way of choosing shares one cached page.
      return base + "?" + slugs.slice().sort().map(function (slug) {
        return "careers=" + encodeURIComponent(slug);
      }).join("&");
    }
    return base + "?courses=" + slugs.map(encodeURIComponent).join(",");
  }

  function itemHref(kind, slug) {
    var base = state.places[kind] || "";
    // A career or course lives directly below its list, the comparison beside it.
    return base.replace(/compare\/$/, "") + encodeURIComponent(slug) + "/";
  }

  function renderGroup(kind) {
    var group = bar.querySelector("[data-shortlist-group='" + kind + "']");
    if (!group) {
      return;
    }
    var items = state.lists[kind];
    group.hidden = items.length === 0 || !state.places[kind];
    var list = group.querySelector("[data-shortlist-items]");
    list.textContent = "";
    items.forEach(function (item) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = itemHref(kind, item.slug);
      link.textContent = item.title;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "shortlist__remove";
      button.textContent = "Remove";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " " + item.title + " from your shortlist";
      button.appendChild(hidden);
      button.addEventListener("click", function () {
        remove(kind, item.slug);
        render();
        var next = bar.querySelector("[data-shortlist-group='" + kind + "'] .shortlist__remove");
        (next || bar.querySelector(".shortlist__details summary")).focus();
      });
      entry.appendChild(link);
      entry.appendChild(document.createTextNode(" "));
      entry.appendChild(button);
      list.appendChild(entry);
    });
    var compare = group.querySelector("[data-shortlist-group-compare]");
    compare.href = compareHref(kind);
    compare.hidden = items.length < 2;
    group.querySelector("[data-shortlist-share]").href = new URL(compareHref(kind), window.location.href).href;
  }

  function render() {
    document.querySelectorAll("[data-shortlist-checkbox]").forEach(function (box) {
      box.checked = has(kindOf(box), box.value);
    });
    document.querySelectorAll("[data-shortlist-add]").forEach(function (form) {
      var button = form.querySelector("[data-shortlist-add-button]");
      button.textContent = has(kindOf(form), form.getAttribute("data-slug"))
        ? "Remove from comparison" : "Add to comparison";
    });
    document.querySelectorAll("[data-shortlist-toggle]").forEach(function (button) {
      var on = has(kindOf(button), button.getAttribute("data-slug"));
      // The words change rather than a pressed state; the bar's count announces the result.
      button.textContent = on ? "Remove from comparison" : "Add to comparison";
    });
    if (!bar) {
      return;
    }
    bar.hidden = false;
    var kinds = [pageKind].concat(Object.keys(KEYS).filter(function (kind) { return kind !== pageKind; }));
    var parts = kinds.filter(function (kind) {
      return kind === pageKind || state.lists[kind].length > 0;
    }).map(function (kind) { return counted(state.lists[kind].length, kind); });
    say("[data-shortlist-count]", parts.join(" and ") + " chosen");
    var count = state.lists[pageKind].length;
    var compare = bar.querySelector("[data-shortlist-compare]");
    compare.href = compareHref(pageKind);
    compare.hidden = count < 2;
    bar.querySelector("[data-shortlist-clear]").hidden = count === 0;
    if (count < maxFor(pageKind)) {
      say("[data-shortlist-message]", "");
    }
    kinds.forEach(renderGroup);
    var empty = bar.querySelector("[data-shortlist-empty]");
    if (empty) {
      empty.hidden = kinds.some(function (kind) { return state.lists[kind].length > 0; });
    }
  }

  function enable() {
    if (bar) {
      state.places[pageKind] = bar.getAttribute("data-compare-url") || state.places[pageKind] || "";
      save();
    }

    // A shared career comparison, opened with no careers shortlisted, becomes the shortlist.
    var compared = document.querySelectorAll("[data-career-compare] [data-shortlist-remove]");
    if (compared.length && state.lists.career.length === 0) {
      compared.forEach(function (link) {
        add("career", link.getAttribute("data-shortlist-remove"), link.getAttribute("data-title"), true);
      });
    }

    document.querySelectorAll("[data-shortlist-checkbox]").forEach(function (box) {
      var kind = kindOf(box);
      if (box.defaultChecked) {
        add(kind, box.value, box.getAttribute("data-title"), true); // ticked by the URL (?selected=)
      }
      box.addEventListener("change", function () {
        if (box.checked) {
          if (!add(kind, box.value, box.getAttribute("data-title"))) {
            box.checked = false;
          }
        } else {
          remove(kind, box.value);
        }
        render();
      });
    });

    // The lists' forms compare the whole shortlist, picks from other pages of the list included.
    document.querySelectorAll("[data-compare-form]").forEach(function (form) {
      var kind = kindOf(form);
      form.addEventListener("submit", function (event) {
        if (state.lists[kind].length < 2 || !state.places[kind]) {
          return; // let the server explain what is needed
        }
        event.preventDefault();
        var href = compareHref(kind);
        var career = form.querySelector("input[name='career']");
        if (career && career.value) {
          href += "&career=" + encodeURIComponent(career.value);
        }
        window.location.assign(href);
      });
    });

    // A course page's "Add to comparison" form and a career page's button become toggles.
    document.querySelectorAll("[data-shortlist-add]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var kind = kindOf(form);
        var slug = form.getAttribute("data-slug");
        if (has(kind, slug)) {
          remove(kind, slug);
        } else {
          add(kind, slug, form.getAttribute("data-title"));
        }
        render();
      });
    });
    document.querySelectorAll("[data-shortlist-toggle]").forEach(function (button) {
      var kind = kindOf(button);
      var slug = button.getAttribute("data-slug");
      var fallback = button.parentNode.querySelector("[data-shortlist-fallback]");
      if (fallback) {
        fallback.hidden = true;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        if (has(kind, slug)) {
          remove(kind, slug);
        } else {
          add(kind, slug, button.getAttribute("data-title"));
        }
        render();
      });
    });

    // A comparison's "Remove" (a link for careers, a button for courses) also drops it from the shortlist.
    document.querySelectorAll("[data-shortlist-remove]").forEach(function (link) {
      link.addEventListener("click", function () {
        remove(kindOf(link), link.getAttribute("data-shortlist-remove"));
      });
    });

    if (bar) {
      bar.querySelector("[data-shortlist-clear]").addEventListener("click", function () {
        state.lists[pageKind] = [];
        save();
        say("[data-shortlist-announce]", "Your " + NOUNS[pageKind][1] + " shortlist is empty.");
        render();
      });
      bar.querySelectorAll("[data-shortlist-share]").forEach(function (link) {
        link.addEventListener("click", function (event) {
          if (!navigator.clipboard || !navigator.clipboard.writeText) {
            return; // the link itself is the share format: follow it and copy the address
          }
          event.preventDefault();
          navigator.clipboard.writeText(link.href).then(function () {
            say("[data-shortlist-announce]", "Link copied: " + link.href);
          }, function () {
            window.location.assign(link.href);
          });
        });
      });
    }

    // Another tab changed the shortlist: show the same.
    window.addEventListener("storage", function (event) {
      if (event.key === KEYS.career || event.key === KEYS.course || event.key === PLACES_KEY) {
        try {
          state = load();
        } catch (error) {
          return;
        }
        render();
      }
    });

    render();
  }

  // The career comparison's copy and print buttons (the course comparison's are compare.js's).
  var scope = document.querySelector("[data-career-compare]");
  var copy = scope && scope.querySelector("[data-copy-link]");
  var shareInput = scope && scope.querySelector("[data-share-link]");
  if (copy && shareInput) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var status = scope.querySelector("[data-copy-status]");
      function done(ok) {
        if (!ok) {
          shareInput.select();
        }
        status.textContent = ok ? "Link copied." : "Select the link above and copy it.";
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(shareInput.value).then(function () { done(true); }, function () { done(false); });
      } else {
        done(false);
      }
    });
  }
  var print = scope && scope.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }

  if (state !== null) {
    enable();
  }
})();
