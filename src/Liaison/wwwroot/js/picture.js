// The situational map: draws what the desk page hands it with Leaflet (wwwroot/lib, installed from npm by the build).
// The page owns the records, filters and details; this module only draws them and reports clicks back.
// Offline first: the base layer is Natural Earth country borders (npm world-atlas, TopoJSON turned into GeoJSON
// with topojson-client); a deployment's tile server, when configured, is laid over it.

const loaded = new Map();

function script(src) {
    if (!loaded.has(src)) {
        loaded.set(src, new Promise((resolve, reject) => {
            const tag = document.createElement("script");
            tag.src = new URL(src, document.baseURI).href;
            tag.onload = resolve;
            tag.onerror = () => reject(new Error("could not load " + src));
            document.head.appendChild(tag);
        }));
    }
    return loaded.get(src);
}

let borders = null;

// The Natural Earth countries as GeoJSON: filled land, and each shared border once (topojson.mesh), so borders
// read as lines rather than as two touching outlines.
function naturalEarth() {
    if (!borders) {
        borders = fetch(new URL("lib/world-atlas/countries-50m.json", document.baseURI))
            .then(r => {
                if (!r.ok) throw new Error("base layer: HTTP " + r.status);
                return r.json();
            })
            .then(topo => ({
                land: window.topojson.feature(topo, topo.objects.countries),
                borders: window.topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b),
            }));
    }
    return borders;
}

const alertColours = {
    "in-force": "#b91c1c",
    "pending": "#b45309",
    "expired": "#6b7280",
    "closed": "#6b7280",
    "cancelled": "#6b7280",
};

export async function create(element, dotnet, options) {
    await script("lib/leaflet/leaflet.js");
    await script("lib/topojson-client/topojson-client.min.js");
    const L = window.L;
    const rtl = options.rtl === true;
    const map = L.map(element, {
        zoomControl: false,
        attributionControl: false,
        minZoom: 2,
        maxZoom: options.tileUrl ? 18 : 12,
        worldCopyJump: true,
        keyboard: true,
    });
    // Controls sit at the reading start: top left for English, top right for Persian and Urdu.
    L.control.zoom({
        position: rtl ? "topright" : "topleft",
        zoomInTitle: options.labels.zoomIn,
        zoomOutTitle: options.labels.zoomOut,
    }).addTo(map);
    L.control.attribution({ position: rtl ? "bottomleft" : "bottomright", prefix: "Leaflet" }).addTo(map);
    L.control.scale({ position: rtl ? "bottomright" : "bottomleft", imperial: false }).addTo(map);

    map.createPane("base").style.zIndex = 150;
    const state = {
        L, map, dotnet, fitted: false, selected: null, layers: new Map(),
        overlay: L.layerGroup().addTo(map),
        base: null,
    };
    element.liaisonMap = state;
    map.setView([30, 60], 4);
    // The page's stylesheet for Leaflet may still be arriving; measure the box again once it has.
    setTimeout(() => map.invalidateSize(), 300);

    naturalEarth().then(ne => {
        state.base = L.layerGroup([
            L.geoJSON(ne.land, { pane: "base", interactive: false, style: { stroke: true, color: "#8a8f98", weight: 0.6, fillColor: "#f3efe6", fillOpacity: 1 } }),
            L.geoJSON(ne.borders, { pane: "base", interactive: false, style: { color: "#5b5f66", weight: 1.4, dashArray: "5 3" } }),
        ], { attribution: "Natural Earth" }).addTo(map);
        element.dataset.baseLayer = "ready";
    }).catch(() => { element.dataset.baseLayer = "failed"; });

    if (options.tileUrl) {
        L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || "", maxZoom: 18 }).addTo(map);
    }
    return state;
}

function icon(L, item, selected) {
    return L.divIcon({
        className: "map-symbol" + (selected ? " selected" : ""),
        html: item.symbol,
        iconSize: [26, 26],
        iconAnchor: [13, 13],
    });
}

function pointOf(geometry) {
    return geometry && geometry.type === "Point" ? [geometry.coordinates[1], geometry.coordinates[0]] : null;
}

function layerFor(state, item) {
    const { L } = state;
    const selected = state.selected === item.id;
    const pick = () => state.dotnet.invokeMethodAsync("Select", item.id);
    let layer = null;
    if (item.kind === "incident") {
        const at = pointOf(item.geometry);
        if (!at) return null;
        layer = L.marker(at, { icon: icon(L, item, selected), title: item.title, alt: item.title, keyboard: true, riseOnHover: true, zIndexOffset: selected ? 1000 : 0 });
    } else if (item.kind === "post") {
        const at = pointOf(item.geometry);
        if (!at) return null;
        layer = L.marker(at, { icon: L.divIcon({ className: "map-post" + (selected ? " selected" : ""), html: item.symbol, iconSize: [16, 16], iconAnchor: [8, 8] }), title: item.title, alt: item.title, keyboard: true });
    } else if (item.kind === "alert") {
        const colour = alertColours[item.state] || "#6b7280";
        const style = {
            color: colour, weight: selected ? 4 : 2, fillColor: colour,
            fillOpacity: item.state === "in-force" ? 0.22 : 0.08,
            dashArray: item.state === "in-force" ? null : (item.state === "pending" ? "8 4" : "2 5"),
            className: "map-alert state-" + item.state,
        };
        const centre = pointOf(item.geometry);
        layer = item.radius && centre ? L.circle(centre, { ...style, radius: item.radius }) : L.geoJSON(item.geometry, { style: () => style });
    } else if (item.kind === "sector") {
        layer = L.geoJSON(item.geometry, { style: () => ({ color: selected ? "#1e3a8a" : "#1d4ed8", weight: selected ? 6 : 4, opacity: 0.8, fillOpacity: 0.06, className: "map-sector" }) });
        layer.bindTooltip(item.code, { permanent: true, direction: "center", className: "map-sector-label", interactive: false });
    }
    if (!layer) return null;
    layer.on("click", pick);
    if (item.kind === "alert") layer.bindTooltip(item.title, { sticky: true });
    return layer;
}

// items: [{ id, kind, title, code, symbol, state, geometry, radius }], drawn in order (sectors under alerts under points).
export function render(state, items, selected) {
    if (!state) return;
    const { L, map } = state;
    state.selected = selected || null;
    state.overlay.clearLayers();
    state.layers.clear();
    const order = { sector: 0, alert: 1, post: 2, incident: 3 };
    const sorted = [...items].sort((a, b) => order[a.kind] - order[b.kind]);
    const bounds = L.latLngBounds([]);
    for (const item of sorted) {
        const layer = layerFor(state, item);
        if (!layer) continue;
        layer.addTo(state.overlay);
        state.layers.set(item.id, layer);
        if (layer.getBounds) bounds.extend(layer.getBounds());
        else if (layer.getLatLng) bounds.extend(layer.getLatLng());
    }
    if (!state.fitted && bounds.isValid()) {
        map.fitBounds(bounds.pad(0.15), { maxZoom: 8 });
        state.fitted = true;
    }
    map.getContainer().dataset.features = String(state.layers.size);
}

// Brings a record chosen in the table or list into view.
export function focus(state, id) {
    const layer = state && state.layers.get(id);
    if (!layer) return false;
    if (layer.getLatLng) state.map.setView(layer.getLatLng(), Math.max(state.map.getZoom(), 7));
    else if (layer.getBounds) state.map.fitBounds(layer.getBounds().pad(0.2), { maxZoom: 9 });
    return true;
}

export function resize(state) {
    state?.map.invalidateSize();
}

export function dispose(state) {
    if (!state) return;
    state.map.remove();
    state.dotnet = null;
}
