// The agency picker (theodoi/agencies/fields.py). Without scripts the form shows a plain
// select of a shortlist; here the select is hidden behind a search box (an ARIA 1.2
// combobox) that finds any body of the registry. The select stays the form's value: a
// chosen body becomes one of its options, selected, and the chips below show the choice.
(() => {
  if (window.theodoiAgencyPicker) return; // the widget loads this file once per picker
  window.theodoiAgencyPicker = true;

  function setUp(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    const select = root.querySelector("select");
    const box = root.querySelector(".picker-search");
    const input = box.querySelector("input");
    const listbox = box.querySelector("[role=listbox]");
    const status = box.querySelector("[role=status]");
    const chosen = box.querySelector(".picker-chosen");
    const multiple = root.hasAttribute("data-multiple");
    // The page's <label for=…> now names the search box; the select keeps working unseen.
    const id = select.id;
    select.id = `${id}-select`;
    input.id = id;
    const described = select.getAttribute("aria-describedby");
    if (described) input.setAttribute("aria-describedby", `${described} ${input.getAttribute("aria-describedby")}`);
    if (select.getAttribute("aria-invalid")) input.setAttribute("aria-invalid", select.getAttribute("aria-invalid"));
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    box.hidden = false;

    let active = -1;
    let timer = null;
    let controller = null;

    const options = () => Array.from(listbox.querySelectorAll("[role=option]"));

    function close() {
      listbox.hidden = true;
      listbox.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      const all = options();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach((o, i) => o.setAttribute("aria-selected", i === active ? "true" : "false"));
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function drawChosen() {
      chosen.replaceChildren();
      const picked = Array.from(select.selectedOptions).filter((o) => o.value);
      for (const option of picked) {
        const item = document.createElement("li");
        const name = document.createElement("span");
        name.textContent = option.textContent;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "link";
        remove.textContent = "×";
        remove.setAttribute("aria-label", `${root.dataset.remove}: ${option.textContent}`);
        remove.addEventListener("click", () => {
          option.selected = false;
          if (!multiple) select.value = "";
          select.dispatchEvent(new Event("change", { bubbles: true }));
          drawChosen();
          input.focus();
        });
        item.append(name, remove);
        chosen.append(item);
      }
      chosen.hidden = picked.length === 0;
    }

    function choose(option) {
      const value = option.dataset.value;
      let target = Array.from(select.options).find((o) => o.value === value);
      if (!target) {
        target = new Option(option.dataset.label, value);
        select.append(target);
      }
      if (!multiple) Array.from(select.options).forEach((o) => { o.selected = false; });
      target.selected = true;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      drawChosen();
      input.value = "";
      close();
      status.textContent = `${root.dataset.chosen}: ${option.dataset.label}`;
    }

    async function search() {
      const term = input.value.trim();
      if (controller) controller.abort();
      if (term.length < 2) {
        close();
        status.textContent = term ? root.dataset.short : "";
        return;
      }
      controller = new AbortController();
      const url = `${root.dataset.searchUrl}?${new URLSearchParams({ q: term, field: id })}`;
      let html;
      try {
        const response = await fetch(url, { signal: controller.signal, headers: { "HX-Request": "true" } });
        if (!response.ok) return;
        html = await response.text();
      } catch (error) {
        return; // aborted by a newer search, or offline: the select is still there to send
      }
      const parsed = document.createElement("template");
      parsed.innerHTML = html;
      const found = Array.from(parsed.content.querySelectorAll("[role=option]"));
      listbox.replaceChildren(...found);
      active = -1;
      input.removeAttribute("aria-activedescendant");
      listbox.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      const message = parsed.content.querySelector("[data-picker-status]");
      status.textContent = message ? message.textContent : "";
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener("keydown", (event) => {
      const open = !listbox.hidden && options().length > 0;
      if (event.key === "ArrowDown" && open) {
        event.preventDefault();
        highlight(active + 1);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Enter" && open) {
        event.preventDefault(); // choosing, not sending the form
        const all = options();
        choose(all[active >= 0 ? active : 0]);
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          input.value = "";
        }
      }
    });
    // mousedown would move the focus away from the box before the click lands.
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) choose(option);
    });
    input.addEventListener("blur", () => setTimeout(() => { if (document.activeElement !== input) close(); }, 150));
    drawChosen();
  }

  function setUpAll() {
    document.querySelectorAll("[data-agency-picker]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpAll);
  else setUpAll();
  // Pickers that arrive in an htmx swap.
  document.addEventListener("htmx:load", setUpAll);
})();
