-- wrk script: Step Functions StartSyncExecution of the Express machine STATE_MACHINE_ARN (sent to the endpoint
-- itself, without the SDKs' `sync-` host prefix). An answer that is not `"status":"SUCCEEDED"` counts as
-- unfinished.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local arn = assert(os.getenv("STATE_MACHINE_ARN"), "STATE_MACHINE_ARN is not set")
local counter = 0

function request()
    counter = counter + 1
    local body = string.format('{"stateMachineArn":"%s","input":"{\\"n\\":%d}"}', arn, counter)
    return wrk.format("POST", "/", common.headers("AWSStepFunctions.StartSyncExecution", "states"), body)
end

function response(status, headers, body)
    common.check_response(status, body, '"status":"SUCCEEDED"')
end

setup = common.setup
done = common.done
