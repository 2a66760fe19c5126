// `ghseal/seal` (the sealing-only entry) in a worker bundled as wrangler does.
//   POST /seal  body: { pk, sk, value, sealedForUs } -> { sealed, opened }
import { openSecret, sealSecret } from "ghseal/seal";

export default {
  async fetch(request) {
    const { pk, sk, value, sealedForUs } = await request.json();
    return Response.json({ sealed: sealSecret(pk, value), opened: openSecret(sealedForUs, sk) });
  },
};
