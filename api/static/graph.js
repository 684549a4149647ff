/* The graph view: draws /export?format=cyjs with Cytoscape.js, with one checkbox per node type.
   No inline handlers: everything is wired here, so a strict Content-Security-Policy can be added. */
(function () {
  "use strict";
  var PALETTE = ["#154273", "#d52b1e", "#39870c", "#e17000", "#8fcae7", "#a90061", "#ffb612", "#76d2b6",
                 "#673327", "#94710a", "#42145f", "#007bc7", "#5b6475", "#f092cd", "#275937", "#b2d7ee"];

  function pageOf(iri, base) {
    return iri.indexOf(base) === 0 ? "/id/" + iri.slice(base.length) : null;
  }

  function start() {
    var box = document.getElementById("graph");
    var status = document.getElementById("graph-status");
    if (!box || typeof cytoscape !== "function") { return; }
    fetch(box.dataset.source, { headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("the export answered " + response.status); }
        return response.json();
      })
      .then(function (data) { draw(box, status, data); })
      .catch(function (error) { status.textContent = "Could not load the graph: " + error.message; });
  }

  function draw(box, status, data) {
    var types = [];
    data.elements.nodes.forEach(function (n) {
      if (types.indexOf(n.data.type) < 0) { types.push(n.data.type); }
    });
    types.sort();
    var colour = {};
    types.forEach(function (t, i) { colour[t] = PALETTE[i % PALETTE.length]; });
    var centre = new URLSearchParams(window.location.search).get("around") || "";
    var cy = cytoscape({
      container: box,
      elements: data.elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          "label": "data(label)", "font-size": 9, "text-wrap": "ellipsis", "text-max-width": 120,
          "width": 14, "height": 14, "background-color": function (n) { return colour[n.data("type")]; } } },
        { selector: "node.centre", style: { "width": 26, "height": 26, "border-width": 3, "border-color": "#000" } },
        { selector: "edge", style: {
          "width": 1, "line-color": "#b6bdc9", "curve-style": "bezier", "target-arrow-shape": "triangle",
          "target-arrow-color": "#b6bdc9", "arrow-scale": 0.6 } },
        { selector: "edge:selected", style: { "label": "data(relation)", "font-size": 8 } }
      ],
      layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 70 }
    });
    cy.nodes().forEach(function (n) {
      var iri = n.data("iri") || n.id();
      if (iri === centre || iri.endsWith("/" + centre) || iri.slice(box.dataset.idBase.length) === centre) {
        n.addClass("centre");
      }
    });
    cy.on("tap", "node", function (event) {
      var target = pageOf(event.target.id(), box.dataset.idBase);
      if (target) { window.location.href = target; }
    });
    var filters = document.getElementById("type-filters");
    types.forEach(function (t) {
      var label = document.createElement("label");
      var box2 = document.createElement("input");
      box2.type = "checkbox";
      box2.checked = true;
      box2.value = t;
      box2.className = "type-filter";
      box2.addEventListener("change", function () {
        cy.nodes().filter(function (n) { return n.data("type") === t; })
          .style("display", box2.checked ? "element" : "none");
        report(cy, box, status);
      });
      var swatch = document.createElement("span");
      swatch.textContent = "\u25CF ";
      swatch.style.color = colour[t];
      label.appendChild(box2);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(t + " (" + cy.nodes().filter(function (n) {
        return n.data("type") === t; }).length + ")"));
      filters.appendChild(label);
    });
    window.kamergraphGraph = cy;
    report(cy, box, status);
  }

  function report(cy, box, status) {
    var nodes = cy.nodes().filter(function (n) { return n.style("display") !== "none"; }).length;
    var edges = cy.edges().filter(function (e) { return e.visible(); }).length;
    box.dataset.renderedNodes = String(nodes);
    box.dataset.renderedEdges = String(edges);
    status.textContent = nodes + " nodes and " + edges + " relations shown. Click a node to open its page.";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
