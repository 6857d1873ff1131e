// Kept for the modules that import it from here; the one implementation is in src/io.
export { writeFileAtomically } from '../io/durable-file';
