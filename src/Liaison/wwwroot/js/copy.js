// Copies a text to the clipboard. The asynchronous Clipboard API needs a secure context (https or loopback);
// a desk reached over plain http on a trusted network falls back to a hidden text area and the copy command.
export async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // Permission refused: try the fallback below.
        }
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let done = false;
    try {
        done = document.execCommand("copy");
    } catch {
        done = false;
    }
    area.remove();
    return done;
}
