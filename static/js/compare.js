// Course comparison, progressive enhancement only: without this file every control on the
// comparison is a link or form.
//
// On the comparison: "Show only differences" hides identical rows without reloading, and
// "Copy link" and "Print" buttons. The shortlist of courses (and careers) is static/js/shortlist.js.
(function () {
  "use strict";

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
})();
