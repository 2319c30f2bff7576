// A drawing pad for a signature: mouse, touchpad, pen or finger through pointer events, strokes kept in the contract's
// 1000 × 400 box (the canvas is that size, scaled by CSS), so what is sent is what was drawn at any screen width.
import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { SIGNATURE_BOX, SIGNATURE_LIMITS, type SignaturePoint, type SignatureStrokes } from '../../../../electron/contract/signatures';

const INK = '#14213d';
const INK_WIDTH = 5;

interface SignaturePadProps {
  strokes: SignatureStrokes;
  onChange: (strokes: SignatureStrokes) => void;
  label: string;
  describedBy?: string;
  disabled?: boolean;
}

function draw(canvas: HTMLCanvasElement, strokes: SignatureStrokes): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.strokeStyle = INK;
  context.fillStyle = INK;
  context.lineWidth = INK_WIDTH;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (!first) continue;
    context.beginPath();
    context.moveTo(first[0], first[1]);
    if (rest.length === 0) context.arc(first[0], first[1], INK_WIDTH / 2, 0, Math.PI * 2);
    for (const [x, y] of rest) context.lineTo(x, y);
    if (rest.length === 0) context.fill();
    else context.stroke();
  }
}

const clamp = (value: number, max: number) => Math.min(max, Math.max(0, Math.round(value * 10) / 10));

export function SignaturePad({ strokes, onChange, label, describedBy, disabled = false }: SignaturePadProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // The stroke being drawn lives in a ref (a pointermove per frame must not re-render); it is published on pointerup.
  const drawing = useRef<{ pointerId: number; strokes: SignatureStrokes } | null>(null);

  useEffect(() => {
    if (canvasRef.current && !drawing.current) draw(canvasRef.current, strokes);
  }, [strokes]);

  function pointOf(event: { clientX: number; clientY: number }): SignaturePoint {
    const rect = (canvasRef.current as HTMLCanvasElement).getBoundingClientRect();
    return [
      clamp(((event.clientX - rect.left) / rect.width) * SIGNATURE_BOX.width, SIGNATURE_BOX.width),
      clamp(((event.clientY - rect.top) / rect.height) * SIGNATURE_BOX.height, SIGNATURE_BOX.height),
    ];
  }

  const pointCount = (all: SignatureStrokes) => all.reduce((sum, stroke) => sum + stroke.length, 0);

  function onPointerDown(event: ReactPointerEvent<HTMLCanvasElement>) {
    if (disabled || (event.pointerType === 'mouse' && event.button !== 0)) return;
    if (strokes.length >= SIGNATURE_LIMITS.strokes || pointCount(strokes) >= SIGNATURE_LIMITS.points) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = { pointerId: event.pointerId, strokes: [...strokes, [pointOf(event)]] };
    draw(event.currentTarget, drawing.current.strokes);
  }

  function onPointerMove(event: ReactPointerEvent<HTMLCanvasElement>) {
    const current = drawing.current;
    if (!current || current.pointerId !== event.pointerId) return;
    const stroke = current.strokes[current.strokes.length - 1] as SignaturePoint[];
    // A pen or finger reports more points than frames: take them all (getCoalescedEvents), within the point limit.
    const events = typeof event.nativeEvent.getCoalescedEvents === 'function' ? event.nativeEvent.getCoalescedEvents() : [];
    for (const sample of events.length > 0 ? events : [event]) {
      if (pointCount(current.strokes) >= SIGNATURE_LIMITS.points) break;
      const point = pointOf(sample);
      const last = stroke[stroke.length - 1];
      if (last && last[0] === point[0] && last[1] === point[1]) continue;
      stroke.push(point);
    }
    draw(event.currentTarget, current.strokes);
  }

  function onPointerEnd(event: ReactPointerEvent<HTMLCanvasElement>) {
    const current = drawing.current;
    if (!current || current.pointerId !== event.pointerId) return;
    drawing.current = null;
    onChange(current.strokes);
  }

  return (
    <canvas
      ref={canvasRef}
      className="signature-pad"
      width={SIGNATURE_BOX.width}
      height={SIGNATURE_BOX.height}
      // Focusable so a screen reader user hears what it is; drawing itself needs a pointer.
      tabIndex={0}
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      aria-disabled={disabled || undefined}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onLostPointerCapture={onPointerEnd}
    />
  );
}
