import { Conto } from '@conto/sdk'
import { main } from './index.js'

// Reads CONTO_API_KEY (an agent SDK key) and CONTO_BASE_URL (default https://conto.finance).
const outcome = await main(new Conto())
console.log(outcome)
