/**
 * @larksuiteoapi/node-sdk, loaded at first use: one 6 MB module (~0.3–0.4 s to load, and tens
 * of MB of RSS) that a start does not need. The one promise is shared, so it loads once.
 */
type Sdk = typeof import('@larksuiteoapi/node-sdk');

let loading: Promise<Sdk> | null = null;

export function larkSdk(): Promise<Sdk> {
  if (!loading) {
    loading = import('@larksuiteoapi/node-sdk');
    // A failed load is tried again by the next caller.
    loading.catch(() => (loading = null));
  }
  return loading;
}
