// Progressive enhancements of the note editor: every page works without this file.
(function () {
  "use strict";
  // "Copy the text": shown only where the clipboard can be written.
  document.addEventListener("DOMContentLoaded", function () {
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var source = document.querySelector(button.getAttribute("data-copy"));
      var status = button.parentElement.querySelector("[data-copy-status]");
      if (!source) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(source.value).then(function () {
          if (status) { status.textContent = "Copied."; }
        }, function () {
          if (status) { status.textContent = "Could not copy: select the text and copy it."; }
        });
      });
    });
  });
})();
