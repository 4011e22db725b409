-- wrk script: DynamoDB PutItem over AWS JSON 1.0 (X-Amz-Target DynamoDB_20120810.PutItem), a new item per request:
-- keys pk = "put-<thread>-<n / 10>", sk = "<n % 10>" from a per-thread counter n (from 100,000,001 up, so every body
-- has the same length and the request head with its Content-Length is built once per thread), so no two requests
-- write the same item and every partition ends with 10 items. No `response` function: wrk counts answers of 400 or
-- more (`status_errors`), and run.py counts the items afterwards (every acknowledged put must be there).
-- Environment: TABLE_NAME. The Authorization header is well-formed but not a real signature: neither Stratus (auth
-- off) nor moto checks it; both read the credential scope to route.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local table_name = assert(os.getenv("TABLE_NAME"), "TABLE_NAME is not set")
local headers = common.headers("DynamoDB_20120810.PutItem", "dynamodb")
local counter = 100000000
local head

local function body(n)
    return '{"TableName":"' .. table_name .. '","Item":{"pk":{"S":"put-' .. thread_id .. '-' .. math.floor(n / 10)
        .. '"},"sk":{"S":"' .. (n % 10) .. '"},"payload":{"S":"benchmark item ' .. n .. '"},"count":{"N":"' .. n
        .. '"}}}'
end

function init(args)
    assert(thread_id < 10, "put.lua keeps bodies one length for at most 9 threads")
    head = common.request_head("POST", "/", headers, body(counter))
end

function request()
    counter = counter + 1
    return head .. body(counter)
end

setup = common.setup
done = common.done
