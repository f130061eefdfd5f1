// Every source, for tools that read them all (the bench). Not for handlers: importing this loads
// every SDK client the sources use; a handler imports the module of each service it calls.
export * from './cost-explorer-sources';
export * from './cost-optimization-hub-source';
export * from './ec2-sources';
export * from './source-settings';
