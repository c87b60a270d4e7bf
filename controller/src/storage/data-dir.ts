/**
 * Where the controller keeps what must survive a restart, unless told
 * otherwise. Its own module so offline commands (`crowdcue accounts`) know it
 * without loading the server.
 */
export const DEFAULT_DATA_DIR = './crowdcue-data';
