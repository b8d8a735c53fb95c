// Copy buttons for links shown once (share, calendar, reset and hand-over links, tokens).
// Without JavaScript the link is selectable text in a read-only box; this adds a "Copy" button
// beside each `input[data-copy]` and selects the whole link when the box gets focus.
(function () {
  "use strict";
  function copy(input, button) {
    input.focus();
    input.select();
    var done = function () {
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = "Copy"; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () {
        button.textContent = "Select the text and copy it";
      });
    } else {
      try {
        if (document.execCommand("copy")) { done(); return; }
      } catch (e) { /* fall through */ }
      button.textContent = "Select the text and copy it";
    }
  }
  function enhance() {
    var inputs = document.querySelectorAll("input[data-copy]");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.getAttribute("data-copy-ready")) { continue; }
      input.setAttribute("data-copy-ready", "1");
      input.addEventListener("focus", function () { this.select(); });
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy " + (input.labels && input.labels[0] ? input.labels[0].textContent.trim() : "the link"));
      button.addEventListener("click", copy.bind(null, input, button));
      input.insertAdjacentElement("afterend", button);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
  document.addEventListener("htmx:afterSettle", enhance);
})();
