// Filled in by the cur issue: export this area's public constructs here.
export {};
