// Note review: words selected in the shared note fill the comment's "words you comment on"
// (the form works without this; it only saves copying them).
document.addEventListener("DOMContentLoaded", () => {
  for (const text of document.querySelectorAll("[data-quote-into]")) {
    const field = document.querySelector(text.dataset.quoteInto);
    if (!field) continue;
    text.addEventListener("mouseup", () => {
      const chosen = String(window.getSelection() || "").trim();
      if (chosen && text.contains(window.getSelection().anchorNode)) field.value = chosen;
    });
  }
});
