// crapdetect's background: imports only. Each file registers its own listeners.
import './sw-router.js';
import './sw-tabs.js';
