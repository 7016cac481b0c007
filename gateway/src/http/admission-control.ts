/**
 * Admission control of ingestion: how many body bytes and parsed records the requests in
 * flight hold together. A request is admitted on its declared size before its body is read;
 * its records are added once they are counted, before they are parsed into objects. Beyond
 * either bound the request is refused (429), except that one request alone is always
 * admitted, so that the per-request limits and not the in-flight bounds decide what fits.
 */
export interface AdmissionBounds {
  maxBytesInFlight: number;
  maxRecordsInFlight: number;
}

/** What is in flight now. */
export interface AdmissionLoad {
  requests: number;
  bytes: number;
  records: number;
}

/** One admitted request's share of the bounds; released once, when nothing holds it any more. */
export interface Admission {
  /**
   * Claims `count` records for this request; false (and nothing claimed) when that would
   * pass the bound while other requests hold records.
   */
  claimRecords(count: number): boolean;
  /** Replaces the declared byte count by the actual one, once the body has been read. */
  settleBytes(bytes: number): void;
  /** One more holder (the ingestion of this request's records); each holder releases once. */
  retain(): void;
  release(): void;
}

export class AdmissionController {
  readonly #bounds: Readonly<AdmissionBounds>;
  #requests = 0;
  #bytes = 0;
  #records = 0;

  constructor(bounds: Readonly<AdmissionBounds>) {
    this.#bounds = bounds;
  }

  get load(): AdmissionLoad {
    return { requests: this.#requests, bytes: this.#bytes, records: this.#records };
  }

  /** Admits a request that declares `bytes` of body, or answers undefined when saturated. */
  admit(bytes: number): Admission | undefined {
    if (this.#requests > 0 && (this.#bytes + bytes > this.#bounds.maxBytesInFlight || this.#records >= this.#bounds.maxRecordsInFlight)) {
      return undefined;
    }
    this.#requests++;
    this.#bytes += bytes;
    let heldBytes = bytes;
    let heldRecords = 0;
    let holders = 1;
    return {
      claimRecords: (count) => {
        if (holders === 0) return false;
        const others = this.#records - heldRecords;
        if (others > 0 && this.#records + count > this.#bounds.maxRecordsInFlight) return false;
        this.#records += count;
        heldRecords += count;
        return true;
      },
      settleBytes: (actual) => {
        if (holders === 0) return;
        this.#bytes += actual - heldBytes;
        heldBytes = actual;
      },
      retain: () => {
        if (holders > 0) holders++;
      },
      release: () => {
        if (holders === 0) return;
        holders--;
        if (holders > 0) return;
        this.#requests--;
        this.#bytes -= heldBytes;
        this.#records -= heldRecords;
      },
    };
  }
}
