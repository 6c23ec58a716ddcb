/* Names the admin's autocomplete boxes (Select2) after their field: Select2 builds a combobox, and for a
   multiple choice a search box, that no label points at (iwgtip_site/admin/accessible.py). The name is the
   field's label, or for a row of a table its column (the hidden select's aria-label). Rows added later
   ("Add another") get theirs too. */
"use strict";
(function () {
  function nameOf(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label) {
      if (!label.id) label.id = select.id + "-label";
      return label.id;
    }
    var text = select.getAttribute("aria-label");
    if (!text) return null;
    var span = document.getElementById(select.id + "-name");
    if (!span) {
      span = document.createElement("span");
      span.id = select.id + "-name";
      span.className = "visually-hidden";
      span.textContent = text;
      select.parentNode.insertBefore(span, select);
    }
    return span.id;
  }

  function name(container) {
    var select = container.previousElementSibling;
    if (!select || select.tagName !== "SELECT" || !select.id) return;
    var nameId = nameOf(select);
    if (!nameId) return;
    var combobox = container.querySelector(".select2-selection");
    if (combobox) {
      var shown = combobox.querySelector(".select2-selection__rendered");
      combobox.setAttribute("aria-labelledby", shown && shown.id ? nameId + " " + shown.id : nameId);
      if (shown && shown.getAttribute("role") === "textbox") shown.setAttribute("aria-labelledby", nameId);
    }
    container.querySelectorAll(".select2-search__field").forEach(function (search) {
      search.setAttribute("aria-labelledby", nameId);
    });
  }

  function nameAll(root) {
    root.querySelectorAll("select + .select2-container").forEach(name);
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType !== 1) return;
          if (node.matches(".select2-container")) name(node);
          else if (node.matches(".select2-search--inline") && node.closest(".select2-container")) {
            name(node.closest(".select2-container"));
          }
          else nameAll(node);
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
