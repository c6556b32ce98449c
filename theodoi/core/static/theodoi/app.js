// Bring a task's highlighted source words into view inside the scrolling document text.
document.addEventListener("DOMContentLoaded", () => {
  const mark = document.querySelector(".doctext mark#nguon");
  if (mark) {
    const box = mark.closest(".doctext");
    box.scrollTop = mark.offsetTop - box.offsetTop - 40;
  }
});

// The small-screen menu: the button shows and hides it (CSS hides the button on wide
// screens and keeps the menu open when scripts are off).
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".menu-toggle");
  const bar = document.getElementById("topbar");
  if (!toggle || !bar) return;
  toggle.addEventListener("click", () => {
    const open = bar.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && bar.classList.contains("open")) {
      bar.classList.remove("open");
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    }
  });
});

// Dates are typed dd/mm/yyyy; beside each such field the browser's own date picker fills it
// in (and shows what was typed). The server accepts both dd/mm/yyyy and yyyy-mm-dd.
function isoFromTyped(text) {
  const m = text.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
  if (m) return `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : "";
}
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-datepicker]").forEach((text) => {
    const picker = document.createElement("input");
    picker.type = "date";
    picker.className = "date-picker";
    picker.setAttribute("aria-label", text.dataset.datepicker);
    picker.value = isoFromTyped(text.value);
    const field = document.createElement("span");
    field.className = "date-field";
    text.before(field);
    field.append(text, picker);
    text.addEventListener("change", () => { picker.value = isoFromTyped(text.value); });
    picker.addEventListener("change", () => {
      const [y, m, d] = picker.value.split("-");
      text.value = picker.value ? `${d}/${m}/${y}` : "";
      text.dispatchEvent(new Event("change", { bubbles: true }));
    });
  });
});

// On a phone the task list's less used filters start folded, unless one of them is in use.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.matchMedia("(max-width: 719px)").matches) return;
  document.querySelectorAll("details[data-fold-on-phone]:not([data-in-use])").forEach((d) => { d.open = false; });
});
