// SPARQL console: loads example queries, posts the query to /sparql and shows the
// JSON results as a table.  All text is inserted with textContent (never as HTML).
(function () {
  "use strict";
  var form = document.getElementById("console");
  var box = document.getElementById("query");
  var out = document.getElementById("results");
  var status = document.getElementById("console-status");
  if (!form || !box || !out) { return; }

  document.querySelectorAll("button[data-query]").forEach(function (button) {
    button.addEventListener("click", function () {
      box.value = button.getAttribute("data-query");
      box.focus();
      status.textContent = "Ejemplo cargado: " + button.textContent;
    });
  });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function show(nodes) {
    while (out.firstChild) { out.removeChild(out.firstChild); }
    nodes.forEach(function (n) { out.appendChild(n); });
  }

  function cell(term) {
    if (!term) { return el("td", ""); }
    var td = el("td", term.value);
    if (term.type === "uri") { td.className = "iri"; }
    if (term["xml:lang"]) { td.title = "@" + term["xml:lang"]; }
    return td;
  }

  function table(data) {
    var vars = data.head.vars || [];
    var rows = data.results.bindings || [];
    var t = el("table");
    t.appendChild(el("caption", rows.length + (rows.length === 1 ? " fila" : " filas")));
    var head = el("thead"), tr = el("tr");
    vars.forEach(function (v) { var th = el("th", "?" + v); th.scope = "col"; tr.appendChild(th); });
    head.appendChild(tr);
    t.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (row) {
      var r = el("tr");
      vars.forEach(function (v) { r.appendChild(cell(row[v])); });
      body.appendChild(r);
    });
    t.appendChild(body);
    return t;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    status.textContent = "Ejecutando…";
    var started = Date.now();
    fetch("/sparql", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
      body: new URLSearchParams({query: box.value})
    }).then(function (response) {
      return response.text().then(function (text) { return {response: response, text: text}; });
    }).then(function (r) {
      var data = null;
      try { data = JSON.parse(r.text); } catch (e) { data = null; }
      var ms = Date.now() - started;
      if (!r.response.ok) {
        var msg = data && (data.detail || data.title) ? (data.title || "") + (data.detail ? ": " + data.detail : "") : r.text;
        status.textContent = "Error " + r.response.status;
        show([el("p", "La consulta no se pudo ejecutar (" + r.response.status + "): " + msg, "notice error")]);
        return;
      }
      if (data && typeof data.boolean === "boolean") {
        status.textContent = "Hecho en " + ms + " ms";
        show([el("p", data.boolean ? "Sí (true)" : "No (false)", "notice")]);
      } else if (data && data.head) {
        status.textContent = "Hecho en " + ms + " ms";
        show([table(data)]);
      } else {
        status.textContent = "Hecho en " + ms + " ms";
        show([el("pre", r.text)]);
      }
    }).catch(function (err) {
      status.textContent = "Error de red";
      show([el("p", "No se pudo contactar con /sparql: " + err, "notice error")]);
    });
  });
}());
