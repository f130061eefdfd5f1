// Filled in by the optimization issue: export this area's public constructs here.
export {};
