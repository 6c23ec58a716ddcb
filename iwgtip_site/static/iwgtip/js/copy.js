// Progressive enhancement: a "Copy" button for text the page also shows in full (a citation).
// Without JavaScript the button stays hidden and the text can be selected as usual.
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.textContent.trim()).then(function () {
        button.textContent = button.getAttribute("data-copied-label");
        window.setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
})();
