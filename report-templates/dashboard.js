// The class dashboard's table and student reports. Inlined into the page by src/class/dashboard.ts
// and allowed by its hash in the page's Content-Security-Policy. Data comes from the JSON block
// #class-data and reaches the page through textContent only, never as markup.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("class-data").textContent);
  var w = data.words;
  var strings = data.strings;
  var lang = data.lang;
  var percentFormat = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 });
  var pointsFormat = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });
  var STATUS_WORD = { passed: w.statusPassed, failed: w.statusFailed, error: w.statusError, skipped: w.statusSkipped };
  var STATUS_MARK = { passed: "✓", failed: "✗", error: "!", skipped: "–" };

  var tbody = document.getElementById("students-body");
  var search = document.getElementById("search");
  var failedFilter = document.getElementById("failed-filter");
  var shown = document.getElementById("shown");
  var noMatch = document.getElementById("no-match");
  var dialog = document.getElementById("student-dialog");
  var dialogTitle = document.getElementById("dialog-title");
  var dialogBody = document.getElementById("dialog-body");
  var opener = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function str(index) {
    return index < 0 ? null : strings[index];
  }
  // Accents and case do not matter when searching: «garcia» finds «García».
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function percentText(percent) {
    return percentFormat.format(percent / 100);
  }

  var rows = data.students.map(function (student) {
    var tr = document.createElement("tr");
    var th = el("th");
    th.setAttribute("scope", "row");
    var button = el("button", "student", student.id);
    button.type = "button";
    button.addEventListener("click", function () {
      openStudent(student, button);
    });
    th.appendChild(button);
    tr.appendChild(th);
    tr.appendChild(el("td", null, student.name || ""));
    tr.appendChild(el("td", "num", pointsFormat.format(student.score) + "/" + pointsFormat.format(student.maxScore)));
    tr.appendChild(el("td", "num", percentText(student.percent)));
    tr.appendChild(el("td", null, student.passed ? w.yes : w.no));
    tr.appendChild(el("td", "failed-list", student.failed.join(", ")));
    return { tr: tr, student: student, text: fold([student.id, student.name, student.email].join(" ")) };
  });

  var KEYS = {
    id: function (s) { return s.id; },
    name: function (s) { return s.name || ""; },
    score: function (s) { return s.score; },
    percent: function (s) { return s.percent; },
    passed: function (s) { return s.passed ? 1 : 0; },
    failed: function (s) { return s.failed.length; },
  };
  var sortKey = "id";
  var sortDirection = "ascending";

  function compare(a, b) {
    var va = KEYS[sortKey](a.student);
    var vb = KEYS[sortKey](b.student);
    var order = typeof va === "number" ? va - vb : collator.compare(va, vb);
    if (sortDirection === "descending") order = -order;
    // Ties keep a stable, predictable order: by student id.
    return order || collator.compare(a.student.id, b.student.id);
  }

  function sortRows() {
    rows.sort(compare);
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row.tr); });
    tbody.appendChild(fragment);
    Array.prototype.forEach.call(document.querySelectorAll("#students th[data-sort]"), function (th) {
      var active = th.getAttribute("data-sort") === sortKey;
      if (active) th.setAttribute("aria-sort", sortDirection);
      else th.removeAttribute("aria-sort");
      th.querySelector(".arrow").textContent = active ? (sortDirection === "ascending" ? "▲" : "▼") : "";
    });
  }

  function applyFilters() {
    var query = fold(search.value.trim());
    var check = failedFilter.value;
    var count = 0;
    rows.forEach(function (row) {
      var visible = (!query || row.text.indexOf(query) >= 0) && (!check || row.student.failed.indexOf(check) >= 0);
      row.tr.hidden = !visible;
      if (visible) count++;
    });
    shown.textContent = w.shown.replace("{shown}", String(count)).replace("{total}", String(rows.length));
    noMatch.hidden = count > 0 || rows.length === 0;
  }

  Array.prototype.forEach.call(document.querySelectorAll("#students th[data-sort] button"), function (button) {
    button.addEventListener("click", function () {
      var key = button.parentNode.getAttribute("data-sort");
      sortDirection = key === sortKey && sortDirection === "ascending" ? "descending" : "ascending";
      sortKey = key;
      sortRows();
    });
  });
  search.addEventListener("input", applyFilters);
  failedFilter.addEventListener("change", applyFilters);

  function fact(list, label, value) {
    if (value === null || value === undefined || value === "") return;
    list.appendChild(el("dt", null, label));
    list.appendChild(el("dd", null, value));
  }

  function openStudent(student, from) {
    opener = from;
    dialogTitle.textContent = w.reportOf.replace("{student}", student.name ? student.id + " · " + student.name : student.id);
    dialogBody.textContent = "";
    var verdict = el("p");
    verdict.appendChild(el("strong", null, w.scoreLine
      .replace("{score}", pointsFormat.format(student.score))
      .replace("{max}", pointsFormat.format(student.maxScore))
      .replace("{percent}", percentText(student.percent))));
    verdict.appendChild(document.createTextNode(" · "));
    verdict.appendChild(el("strong", null, student.passed ? w.verdictPassed : w.verdictFailed));
    dialogBody.appendChild(verdict);
    var facts = el("dl", "student-facts");
    fact(facts, w.email, student.email);
    fact(facts, w.account, student.accountId);
    fact(facts, w.region, student.region);
    dialogBody.appendChild(facts);

    var list = el("ul", "check-list");
    student.checks.forEach(function (c) {
      var check = data.checks[c[0]];
      var status = c[1];
      var li = el("li", "check-" + status);
      li.setAttribute("data-check", check.id);
      var heading = el("h3");
      heading.appendChild(el("code", null, check.id));
      heading.appendChild(document.createTextNode(" " + check.title + " "));
      var badge = el("span", "badge badge-" + status);
      var mark = el("span", null, STATUS_MARK[status]);
      mark.setAttribute("aria-hidden", "true");
      badge.appendChild(mark);
      badge.appendChild(document.createTextNode(" " + STATUS_WORD[status]));
      heading.appendChild(badge);
      heading.appendChild(document.createTextNode(" " + pointsFormat.format(c[2]) + "/" + pointsFormat.format(c[3])));
      li.appendChild(heading);
      li.appendChild(el("p", null, str(c[4])));
      var details = el("dl");
      fact(details, w.expected, str(c[5]));
      fact(details, w.found, str(c[6]));
      fact(details, w.hint, str(c[7]));
      if (details.childNodes.length) li.appendChild(details);
      list.appendChild(li);
    });
    dialogBody.appendChild(list);
    dialog.showModal();
    document.getElementById("dialog-close").focus();
  }

  document.getElementById("dialog-close").addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("close", function () {
    if (opener) opener.focus();
  });

  sortRows();
  applyFilters();
})();
