// The FLASH tone: a short two-note beep from Web Audio, repeated while a FLASH alert waits for acknowledgement.
// Browsers keep audio suspended until the person interacts with the page, so the first key or click wakes it.
const mutedKey = "liaison.alarm.muted";
let context = null;
let timer = null;

function audio() {
    if (!context) {
        const Ctx = window.AudioContext || window.webkitAudioContext;
        if (!Ctx) return null;
        context = new Ctx();
    }
    if (context.state === "suspended") context.resume().catch(() => { });
    return context;
}

function beep() {
    if (isMuted()) return;
    const ctx = audio();
    if (!ctx || ctx.state !== "running") return;
    const now = ctx.currentTime;
    [[880, 0], [660, 0.28]].forEach(([frequency, offset]) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = "square";
        osc.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, now + offset);
        gain.gain.exponentialRampToValueAtTime(0.25, now + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.25);
        osc.connect(gain).connect(ctx.destination);
        osc.start(now + offset);
        osc.stop(now + offset + 0.26);
    });
}

["pointerdown", "keydown"].forEach(name => document.addEventListener(name, () => { if (timer) audio(); }, { passive: true }));

export function start() {
    if (timer) return;
    beep();
    timer = setInterval(beep, 4000);
}

export function stop() {
    if (timer) clearInterval(timer);
    timer = null;
}

export function isMuted() {
    try { return localStorage.getItem(mutedKey) === "1"; } catch { return false; }
}

export function setMuted(muted) {
    try { localStorage.setItem(mutedKey, muted ? "1" : "0"); } catch { }
    return isMuted();
}

export function playing() {
    return timer !== null;
}
