// Printing the signed PDF without a PDF plugin or a new window (both denied in the Electron shell):
// the pages are drawn by pdf.js at print resolution into a print-only container.
import { drawPage, openPdf } from '../evidence';

const PRINT_WIDTH_PX = 1240; // A4 at 150 dpi

export async function printPdf(bytes: Uint8Array): Promise<void> {
  const pdf = await openPdf(bytes);
  const root = document.createElement('div');
  root.id = 'agreement-print';
  root.setAttribute('aria-hidden', 'true');
  try {
    for (let page = 1; page <= pdf.numPages; page++) {
      const canvas = document.createElement('canvas');
      await drawPage(pdf, page, canvas, PRINT_WIDTH_PX);
      const image = document.createElement('img');
      image.src = canvas.toDataURL('image/png');
      image.alt = '';
      root.append(image);
    }
  } finally {
    void pdf.destroy();
  }
  const style = document.createElement('style');
  style.textContent =
    '#agreement-print{display:none}@media print{body>*:not(#agreement-print){display:none!important}#agreement-print{display:block}#agreement-print img{width:100%;page-break-after:always;break-after:page}@page{size:A4;margin:0}}';
  document.body.append(style, root);
  const cleanup = () => {
    root.remove();
    style.remove();
  };
  window.addEventListener('afterprint', cleanup, { once: true });
  window.print();
  // Some hosts never fire afterprint; the container is invisible on screen either way.
  setTimeout(cleanup, 60_000);
}
