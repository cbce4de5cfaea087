// Stands in for @types/node in tsconfig.worker.json: some dependencies' declarations reference the
// "node" types, which would make Node's globals (Buffer, process) look available to Worker code.
export {};
