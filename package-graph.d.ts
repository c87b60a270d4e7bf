export declare const PACKAGE_GRAPH: {
  protocol: string[];
  simulator: string[];
  controller: string[];
  'console-ui': string[];
  test: string[];
};
export declare const packageName: (folder: string) => string;
