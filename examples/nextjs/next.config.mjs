// Only because this example sits inside the package's repository: without it Next.js takes the
// repository's lockfile for the workspace root (and warns). A project of your own needs no config.
import { fileURLToPath } from 'node:url';

export default { turbopack: { root: fileURLToPath(new URL('.', import.meta.url)) } };
