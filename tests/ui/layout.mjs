// Finds text that does not fit its box on the page: text running past the element holding it
// (unless that element clips it with an ellipsis), an element clipping text without saying so
// (no ellipsis), and a page wider than the window.

/** Resolves to a list of problems, each naming the element and its text; empty when all fits. */
export function overflows(page) {
  return page.evaluate(() => {
    const problems = [];
    const name = (el) => {
      const id = el.dataset?.testid ? `[${el.dataset.testid}]` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${id}${cls}`;
    };
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
    }
    const range = document.createRange();
    for (const el of document.querySelectorAll('body *')) {
      if (!el.getClientRects().length) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'contents') continue;
      const texts = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
      if (texts.length === 0) continue;
      const text = texts.map((t) => t.textContent.trim()).join(' ').slice(0, 60);
      const clips = style.overflowX !== 'visible';
      if (clips) {
        if (el.scrollWidth > el.clientWidth + 1 && style.textOverflow !== 'ellipsis' && style.overflowX !== 'auto' && style.overflowX !== 'scroll') {
          problems.push(`${name(el)} cuts "${text}" without an ellipsis`);
        }
        continue;
      }
      if (style.display.startsWith('inline') && !style.display.includes('block')) continue; // its box is its text
      const box = el.getBoundingClientRect();
      for (const t of texts) {
        range.selectNodeContents(t);
        for (const r of range.getClientRects()) {
          if (r.width === 0) continue;
          if (r.right > box.right + 2 || r.left < box.left - 2 || r.bottom > box.bottom + 3 || r.top < box.top - 3) {
            problems.push(`${name(el)} (${Math.round(box.width)}×${Math.round(box.height)}) overflows with "${text}"`);
            break;
          }
        }
      }
    }
    return [...new Set(problems)];
  });
}
