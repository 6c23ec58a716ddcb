// The preview in both languages: each frame as tall as the page it shows, so each language's whole page
// is read in place, side by side, not through two small windows. The pages are this site's own (same
// origin), so their height can be read; a frame that cannot be read keeps its CSS height.
(function () {
  "use strict";
  function fit(frame) {
    try {
      var page = frame.contentDocument && frame.contentDocument.documentElement;
      if (page) {
        frame.style.height = page.scrollHeight + "px";
      }
    } catch (error) {
      // another origin: leave it as it is
    }
  }
  document.querySelectorAll(".side-by-side iframe").forEach(function (frame) {
    frame.addEventListener("load", function () {
      fit(frame);
      // Fonts and images can still change the height after the load event.
      if (window.ResizeObserver && frame.contentDocument) {
        new ResizeObserver(function () { fit(frame); }).observe(frame.contentDocument.documentElement);
      }
    });
    fit(frame);
  });
})();
