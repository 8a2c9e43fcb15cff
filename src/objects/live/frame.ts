/**
 * One event as the live transports carry it: serialised once per publish and shared by every
 * listener allowed to see it. A WebSocket message is the JSON itself; a Server-Sent Event
 * names the sequence (`id`, which EventSource echoes as Last-Event-ID) and the type (`event`).
 */

/** What every live object's events have in common. */
export interface LiveEvent {
  seq: number;
  type: string;
}

export interface Frame {
  seq: number;
  type: string;
  json: string;
}

export function frameOf(event: LiveEvent): Frame {
  return { seq: event.seq, type: event.type, json: JSON.stringify(event) };
}

/** JSON.stringify never emits a raw line break, so the data fits on one `data:` line. */
export function sseText(frame: Frame): string {
  return `id: ${frame.seq}\nevent: ${frame.type}\ndata: ${frame.json}\n\n`;
}
