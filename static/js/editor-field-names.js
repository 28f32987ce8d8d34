// Wagtail's StreamField editor leaves rich text inside blocks and the items of a list without an
// accessible name (screen readers announce "edit text", axe fails the editor): name each from the
// label or block heading the editor already shows, as blocks are added.
(function () {
  "use strict";

  // A block's field label sits just before its field wrapper (a page field's, inside it).
  function labelText(element) {
    var wrapper = element.closest("[data-field-wrapper]");
    var label = wrapper && (wrapper.querySelector(".w-field__label") || wrapper.parentElement.querySelector(":scope > .w-field__label"));
    return label ? label.textContent.replace("*", "").trim() : "";
  }

  // A field that is a block of its own (a list item, a paragraph) is named by the block's heading.
  function nameByHeading(field) {
    var section = field.closest("section.w-panel--nested");
    var heading = section && section.querySelector("[data-panel-heading]");
    if (heading && heading.id) {
      field.setAttribute("aria-labelledby", heading.id);
    }
  }

  function nameFields(root) {
    root.querySelectorAll(".public-DraftEditor-content[role='textbox']:not([aria-label]):not([aria-labelledby])").forEach(function (box) {
      var text = labelText(box);
      if (text) {
        box.setAttribute("aria-label", text);
      } else {
        nameByHeading(box);
      }
    });
    root.querySelectorAll("[data-streamfield-child] input[type='text'], [data-streamfield-child] textarea").forEach(function (field) {
      if (!field.labels.length && !field.hasAttribute("aria-label") && !field.hasAttribute("aria-labelledby")) {
        nameByHeading(field);
      }
    });
  }

  function start() {
    nameFields(document);
    new MutationObserver(function () {
      nameFields(document);
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
