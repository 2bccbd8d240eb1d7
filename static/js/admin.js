/* The Django admin, made to pass axe (WCAG 2.1 AA) like the rest of the site.
 *
 * - The filter widget (filter_horizontal) puts an aria-label on a plain <span> (the search
 *   icon), which ARIA does not allow there: give it the image role it stands for.
 * - An autocomplete field (select2) is a combobox (with a textbox inside) named by its selected
 *   text, so it has no name while nothing is chosen: name both after the field's label.
 * Runs after the admin's own scripts (this one is deferred, their handlers come first) and again
 * for every inline row added.
 */
(function () {
    "use strict";

    function labelText(select) {
        const label = select.id && document.querySelector('label[for="' + select.id + '"]');
        return label ? label.textContent.replace(/[:*]\s*$/, "").trim() : "";
    }

    function fix(root) {
        root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
            icon.setAttribute("role", "img");
        });
        root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
            const name = labelText(select);
            const container = select.nextElementSibling;
            if (!name || !container || !container.classList.contains("select2")) {
                return;
            }
            container.querySelectorAll(
                ".select2-selection[role=combobox], .select2-selection__rendered[role=textbox]"
            ).forEach(function (element) {
                if (!element.hasAttribute("aria-label")) {
                    element.setAttribute("aria-label", name);
                }
            });
        });
    }

    window.addEventListener("load", function () { fix(document); });
    document.addEventListener("formset:added", function (event) {
        fix(event.target);
    });
}());
