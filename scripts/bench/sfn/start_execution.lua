-- wrk script: Step Functions StartExecution of STATE_MACHINE_ARN with a small input and no name (the server picks
-- a UUID), so every request starts a new execution. Stratus answers once the execution waits or ends (a Pass
-- chain ends); run.py counts the SUCCEEDED executions afterwards with ListExecutions.
local common = dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
local arn = assert(os.getenv("STATE_MACHINE_ARN"), "STATE_MACHINE_ARN is not set")
local counter = 0

function request()
    counter = counter + 1
    local body = string.format('{"stateMachineArn":"%s","input":"{\\"n\\":%d}"}', arn, counter)
    return wrk.format("POST", "/", common.headers("AWSStepFunctions.StartExecution", "states"), body)
end

function response(status, headers, body)
    common.check_response(status, body, '"executionArn"')
end

setup = common.setup
done = common.done
