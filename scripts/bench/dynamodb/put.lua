-- wrk script: DynamoDB PutItem over AWS JSON 1.0 (X-Amz-Target DynamoDB_20120810.PutItem), a new item per request:
-- keys pk = "put-<thread>-<n / 10>", sk = "<n % 10>" from a per-thread counter, so no two requests write the same
-- item and every partition ends with 10 items. Environment: TABLE_NAME. The Authorization header is well-formed but
-- not a real signature: neither Stratus (auth off) nor moto checks it; both read the credential scope to route.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local table_name = assert(os.getenv("TABLE_NAME"), "TABLE_NAME is not set")
local headers = common.headers("DynamoDB_20120810.PutItem", "dynamodb")
local counter = 0

function request()
    counter = counter + 1
    local body = string.format('{"TableName":"%s","Item":{"pk":{"S":"put-%d-%d"},"sk":{"S":"%d"},'
        .. '"payload":{"S":"benchmark item %d"},"count":{"N":"%d"}}}',
        table_name, thread_id, math.floor(counter / 10), counter % 10, counter, counter)
    return wrk.format("POST", "/", headers, body)
end

setup = common.setup
response = common.count_response
done = common.done
