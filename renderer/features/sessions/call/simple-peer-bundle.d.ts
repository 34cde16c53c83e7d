// simple-peer's own browser bundle (the package's index.js expects Node's Buffer and process);
// its API is the one @types/simple-peer describes.
declare module 'simple-peer/simplepeer.min.js' {
  import type SimplePeer from 'simple-peer';
  const SimplePeerConstructor: SimplePeer.SimplePeer;
  export default SimplePeerConstructor;
}
