// Bring a task's highlighted source words into view inside the scrolling document text.
document.addEventListener("DOMContentLoaded", () => {
  const mark = document.querySelector(".doctext mark#nguon");
  if (mark) {
    const box = mark.closest(".doctext");
    box.scrollTop = mark.offsetTop - box.offsetTop - 40;
  }
});
