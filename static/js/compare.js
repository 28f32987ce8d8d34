// Course comparison, progressive enhancement only: without this file the course list is a
// GET form that submits to the comparison and every control on the comparison is a link or form.
//
// - A shortlist of courses (slug and title) kept in localStorage, shown with a count and a
//   "Compare" link on the course list and on course pages, so picks survive moving between pages.
// - On the comparison: "Show only differences" hides identical rows without reloading,
//   "Copy link" and "Print" buttons, and removing a course also drops it from the shortlist.
(function () {
  "use strict";

  var STORAGE_KEY = "portal.courseShortlist";
  var DEFAULT_MAX = 16;

  function readStore() {
    try {
      var items = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "[]");
      return Array.isArray(items)
        ? items.filter(function (item) { return item && typeof item.slug === "string"; })
        : [];
    } catch (error) {
      return null; // storage blocked (private mode, policy): no shortlist, plain forms instead
    }
  }

  function writeStore(items) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(items));
      return true;
    } catch (error) {
      return false;
    }
  }

  var shortlist = readStore();

  // The shortlist on the course list, course pages and the comparison; only with working storage.
  function enableShortlist() {
    var bar = document.querySelector("[data-shortlist]");
    var max = bar ? parseInt(bar.getAttribute("data-max"), 10) || DEFAULT_MAX : DEFAULT_MAX;

    function has(slug) {
      return shortlist.some(function (item) { return item.slug === slug; });
    }

    function say(message) {
      var box = bar && bar.querySelector("[data-shortlist-message]");
      if (box) {
        box.textContent = message;
      }
    }

    function add(slug, title) {
      if (has(slug)) {
        return true;
      }
      if (shortlist.length >= max) {
        say("You can compare up to " + max + " courses. Remove one before adding another.");
        return false;
      }
      shortlist.push({ slug: slug, title: title || slug });
      save();
      return true;
    }

    function remove(slug) {
      shortlist = shortlist.filter(function (item) { return item.slug !== slug; });
      save();
    }

    function compareHref() {
      var base = bar ? bar.getAttribute("data-compare-url") : "";
      var slugs = shortlist.map(function (item) { return encodeURIComponent(item.slug); });
      return base + "?courses=" + slugs.join(",");
    }

    function save() {
      writeStore(shortlist);
      render();
    }

    function render() {
      if (!bar) {
        return;
      }
      bar.hidden = false;
      var count = shortlist.length;
      bar.querySelector("[data-shortlist-count]").textContent = String(count);
      bar.querySelector("[data-shortlist-noun]").textContent = count === 1 ? "course" : "courses";
      var compare = bar.querySelector("[data-shortlist-compare]");
      compare.href = compareHref();
      compare.hidden = count < 2;
      bar.querySelector("[data-shortlist-clear]").hidden = count === 0;
      if (count < max) {
        say("");
      }
      document.querySelectorAll("[data-shortlist-checkbox]").forEach(function (box) {
        box.checked = has(box.value);
      });
      document.querySelectorAll("[data-shortlist-add]").forEach(function (form) {
        var button = form.querySelector("[data-shortlist-add-button]");
        // The words change rather than a pressed state, and the shortlist count announces the result.
        button.textContent = has(form.getAttribute("data-slug")) ? "Remove from comparison" : "Add to comparison";
      });
    }

    // The course list: ticking a box adds the course to the shortlist.
    document.querySelectorAll("[data-shortlist-checkbox]").forEach(function (box) {
      if (box.defaultChecked) {
        add(box.value, box.getAttribute("data-title")); // ticked by ?selected= from a course page
      }
      box.addEventListener("change", function () {
        if (box.checked) {
          if (!add(box.value, box.getAttribute("data-title"))) {
            box.checked = false;
          }
        } else {
          remove(box.value);
        }
      });
    });

    document.querySelectorAll("[data-compare-form]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (shortlist.length < 2) {
          return; // let the server explain that two are needed
        }
        event.preventDefault();
        var href = compareHref();
        var career = form.querySelector("input[name='career']");
        if (career && career.value) {
          href += "&career=" + encodeURIComponent(career.value);
        }
        window.location.assign(href);
      });
    });

    // A course page: the "Add to comparison" form becomes a toggle button.
    document.querySelectorAll("[data-shortlist-add]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var slug = form.getAttribute("data-slug");
        if (has(slug)) {
          remove(slug);
        } else {
          add(slug, form.getAttribute("data-title"));
        }
      });
    });

    if (bar) {
      bar.querySelector("[data-shortlist-clear]").addEventListener("click", function () {
        shortlist = [];
        save();
      });
    }

    // The comparison page.
    document.querySelectorAll("[data-shortlist-remove]").forEach(function (link) {
      link.addEventListener("click", function () {
        remove(link.getAttribute("data-shortlist-remove"));
      });
    });

    render();
  }

  function withFlag(href, on) {
    var hashAt = href.indexOf("#");
    var hash = hashAt >= 0 ? href.slice(hashAt) : "";
    var base = hashAt >= 0 ? href.slice(0, hashAt) : href;
    var queryAt = base.indexOf("?");
    var path = queryAt >= 0 ? base.slice(0, queryAt) : base;
    var parts = (queryAt >= 0 ? base.slice(queryAt + 1) : "").split("&").filter(function (part) {
      return part && part.indexOf("only_differences=") !== 0;
    });
    if (on) {
      parts.push("only_differences=1");
    }
    return path + (parts.length ? "?" + parts.join("&") : "") + hash;
  }

  var differences = document.querySelector("[data-only-differences]");
  var table = document.querySelector(".compare-table");
  if (differences && table) {
    differences.addEventListener("change", function () {
      var on = differences.checked;
      table.querySelectorAll("tr[data-identical]").forEach(function (row) {
        row.hidden = on;
      });
      table.querySelectorAll("tbody").forEach(function (group) {
        var rows = group.querySelectorAll("tr:not(.compare-group__heading)");
        var shown = Array.prototype.some.call(rows, function (row) { return !row.hidden; });
        group.hidden = !shown;
      });
      var hiddenCount = parseInt(table.getAttribute("data-identical-count"), 10) || 0;
      var status = document.querySelector("[data-differences-status]");
      if (status) {
        status.textContent = !on ? "Showing every row." : hiddenCount
          ? "Hiding " + hiddenCount + " row" + (hiddenCount === 1 ? "" : "s") + " where every course is the same."
          : "Every row differs between these courses.";
      }
      document.querySelectorAll("a[data-compare-link]").forEach(function (link) {
        link.setAttribute("href", withFlag(link.getAttribute("href"), on));
      });
      var share = document.querySelector("[data-share-link]");
      if (share) {
        share.value = withFlag(share.value, on);
      }
      document.querySelectorAll("form:not([data-differences-form])").forEach(function (form) {
        var input = form.querySelector("[data-differences-input]");
        if (on && !input && form.hasAttribute("data-keeps-differences")) {
          input = document.createElement("input");
          input.type = "hidden";
          input.name = "only_differences";
          input.value = "1";
          input.setAttribute("data-differences-input", "");
          form.appendChild(input);
        } else if (!on && input) {
          input.remove();
        }
      });
      window.history.replaceState(null, "", withFlag(window.location.href, on));
    });
  }

  var copy = document.querySelector("[data-copy-link]");
  var shareInput = document.querySelector("[data-share-link]");
  if (copy && shareInput) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var status = document.querySelector("[data-copy-status]");
      function done(ok) {
        if (status) {
          status.textContent = ok ? "Link copied." : "Select the link above and copy it.";
        }
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(shareInput.value).then(function () { done(true); }, function () {
          shareInput.select();
          done(false);
        });
      } else {
        shareInput.select();
        done(false);
      }
    });
  }

  var print = document.querySelector("[data-print]");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }

  // Storage blocked (private mode, policy): the lists stay plain forms; the comparison page's
  // own controls above still work.
  if (shortlist !== null) {
    enableShortlist();
  }
})();
