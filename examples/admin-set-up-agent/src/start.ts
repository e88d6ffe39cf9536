import { ContoAdmin } from '@conto/admin'
import { main } from './index.js'

// Reads CONTO_ORG_API_KEY (an organization API key) and CONTO_BASE_URL (default https://conto.finance).
await main(new ContoAdmin())
