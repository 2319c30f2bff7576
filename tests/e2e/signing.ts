// Drawing a signature in an e2e test: real mouse moves on the OT's signature pad (for any test that needs a signed OT).
import type { Locator, Page } from 'playwright-core';

/** Draws a looping scrawl and an underline across `pad` with the mouse (down, many moves, up). */
export async function drawSignature(page: Page, pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  await page.mouse.move(...at(0.1, 0.6));
  await page.mouse.down();
  for (let step = 1; step <= 40; step++) {
    const fx = 0.1 + (step / 40) * 0.6;
    const fy = 0.5 + Math.sin(step / 3) * 0.25;
    await page.mouse.move(...at(fx, fy), { steps: 2 });
  }
  await page.mouse.up();
  await page.mouse.move(...at(0.15, 0.85));
  await page.mouse.down();
  await page.mouse.move(...at(0.8, 0.8), { steps: 10 });
  await page.mouse.up();
}

/** Signs the OT on screen as the customer: name, optional ID, the drawing, Firmar; waits for the stored image. */
export async function signAsCustomer(page: Page, name: string, idNumber?: string): Promise<void> {
  const block = page.locator('section.signature-role', { hasText: 'Firma del cliente' });
  await block.getByLabel('Nombre de quien firma').fill(name);
  if (idNumber) await block.getByLabel('DNI/NIE').fill(idNumber);
  await drawSignature(page, block.getByRole('img', { name: /Recuadro para la firma del cliente/ }));
  await block.getByRole('button', { name: 'Firmar', exact: true }).click();
  await block.getByRole('img', { name: `Firma de ${name}` }).waitFor();
}
