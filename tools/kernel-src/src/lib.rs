// Intentionally empty: this package only pins the kernel sources.
