/**
 * Coalesces bursts (100 alerts a second arrive as separate socket messages) into one flush per
 * animation frame. A timer backs up the frame callback because hidden tabs get no frames, and
 * an alert raised while the tab is in the background must still be counted.
 */
export interface FrameScheduler {
  schedule(): void;
  cancel(): void;
}

const HIDDEN_TAB_FALLBACK_MS = 250;

export function createFrameScheduler(flush: () => void): FrameScheduler {
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (): void => {
    cancel();
    flush();
  };
  function cancel(): void {
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
  }
  return {
    schedule() {
      if (frame !== undefined || timer !== undefined) return;
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, HIDDEN_TAB_FALLBACK_MS);
    },
    cancel,
  };
}
