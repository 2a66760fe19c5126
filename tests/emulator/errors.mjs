// The error the emulator's control methods throw (tests/emulator/state.mjs and its
// parts); the control API (control.mjs) answers with its `status`.

/** Error thrown by the control methods; `status` is the HTTP status the control API answers with. */
export class EmulatorError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.name = "EmulatorError";
    this.status = status;
  }
}
