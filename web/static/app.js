// Progressive enhancement only: every page works fully without this file.
// Served from the app itself, so the Content-Security-Policy (script-src 'self') allows it.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // A new sort order applies at once (without JS the "Toepassen" button does it).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) {
        select.form.requestSubmit();
      }
    });
  });

  // Leave empty fields and defaults out of the URL, so shared links stay short.
  document.querySelectorAll("form.search").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name=from], input[name=to]").forEach(function (input) {
        if (!input.value) {
          input.disabled = true;
        }
      });
      var sort = form.querySelector("select[name=sort]");
      if (sort && sort.value === "relevance") {
        sort.disabled = true;
      }
    });
  });

  // "/" jumps to the search box, as on many search sites.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    var box = document.getElementById("q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });
});

// Restore disabled fields when the page comes back from the back-forward cache.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form.search [disabled]").forEach(function (field) {
    field.disabled = false;
  });
});
