# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_auralog_global_optspecs
    string join \n config= profile= api-key= api-key-file= endpoint= e/environment= flush-interval= batch-size= batch-bytes= timeout= retry-budget= concurrency= min-level= spool-dir= spool-max-bytes= compress strict allow-insecure ci-metadata github-step-summary outputs= otlp-endpoint= otlp-headers= otlp-protocol= service-name= resource-attributes= v/verbose q/quiet color= h/help V/version
end

function __fish_auralog_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_auralog_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_auralog_using_subcommand
    set -l cmd (__fish_auralog_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c auralog -n "__fish_auralog_needs_command" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_needs_command" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_needs_command" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_needs_command" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_needs_command" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_needs_command" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_needs_command" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_needs_command" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_needs_command" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_needs_command" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_needs_command" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_needs_command" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_needs_command" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_needs_command" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_needs_command" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_needs_command" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_needs_command" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_needs_command" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_needs_command" -s V -l version -d 'Print version'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "log" -d 'Send one log entry'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "tail-stdin" -d 'Stream stdin to Auralogs, one entry per line, echoing it to stdout'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "ingest" -d 'Ship whole files: json, jsonl, syslog, text, csv or obl'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "flow" -d 'Bracket multi-step work across processes: one id, numbered steps, one trace id'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "trace" -d 'Carry one trace id across processes and services'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "serve" -d 'Run a local Auralogs-compatible receiver on 127.0.0.1'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "spool" -d 'Look at, send or delete what the disk spool holds'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "checkpoints" -d 'Show or forget the checkpoints of `ingest --resume` and `ingest --follow`'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "config" -d 'Show and edit the settings and the config file'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "completions" -d 'Print the tab-completion script for a shell'
complete -c auralog -n "__fish_auralog_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand log" -s l -l level -d 'Level of the entry: debug, info, warn, error or fatal' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand log" -s m -l meta -d 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l metadata-json -d 'Add metadata from a JSON object; -m values win on collision' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l tag -d 'Add a tag (repeatable); sent as metadata.tags' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l trace-id -d 'Use this trace id instead of the resolved one' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l user-id -d 'Set metadata.userId' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l session-id -d 'Set metadata.sessionId' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l flow -d 'Join this flow [default: $AURALOG_FLOW_ID]: entries carry its flowId, flowName, trace id and defaults, and take its next stepIndex' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l stack-trace -d 'Attach a stack trace read from FILE (`-` for stdin)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand log" -l error-name -d 'Set metadata.errorName (for example the exception class)' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand log" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand log" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand log" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand log" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand log" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand log" -l no-ci-metadata -d 'Do not add metadata.ci (the CI run detected from the environment)'
complete -c auralog -n "__fish_auralog_using_subcommand log" -l dry-run -d 'Print the exact wire JSON, one entry a line, and send nothing'
complete -c auralog -n "__fish_auralog_using_subcommand log" -l json -d 'At the end, print the result as one JSON object on stdout: delivered, spooled, rejected and lost counts, the spool dir, the problem, the exit code'
complete -c auralog -n "__fish_auralog_using_subcommand log" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand log" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand log" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand log" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand log" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand log" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand log" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand log" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -s l -l level -d 'Level of the entry: debug, info, warn, error or fatal' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -s m -l meta -d 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l metadata-json -d 'Add metadata from a JSON object; -m values win on collision' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l tag -d 'Add a tag (repeatable); sent as metadata.tags' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l trace-id -d 'Use this trace id instead of the resolved one' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l user-id -d 'Set metadata.userId' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l session-id -d 'Set metadata.sessionId' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l flow -d 'Join this flow [default: $AURALOG_FLOW_ID]: entries carry its flowId, flowName, trace id and defaults, and take its next stepIndex' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l parse -d 'How to read lines: auto (JSON objects are parsed, the rest is text), json or text' -r -f -a "auto\t'Lines that are JSON objects are parsed; the rest is text'
json\t'Every line is expected to be a JSON object'
text\t'Every line is text, JSON or not'"
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l message-field -d 'Field holding the message [default: the record\'s shape decides: message, msg, event, @m, ...]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l level-field -d 'Field holding the level [default: the record\'s shape decides: level, severity, levelname, ...]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l timestamp-field -d 'Field holding the time [default: the record\'s shape decides: timestamp, time, ts, @timestamp, ...]; `none`: stamp the read time' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l multiline -d 'Fold multi-line records into one entry: `auto`, `none`, `indent` or `start=REGEX`' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l multiline-timeout -d 'Seconds without input after which a pending multi-line record is sent' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l max-line-bytes -d 'Cut longer lines (and multi-line records) at this many bytes' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l no-ci-metadata -d 'Do not add metadata.ci (the CI run detected from the environment)'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l dry-run -d 'Print the exact wire JSON, one entry a line, and send nothing'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l no-echo -d 'Do not echo input to stdout'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand tail-stdin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l format -d 'Input format (default: from the extension, then from the content)' -r -f -a "json\t'A JSON array of records, or an object with a logs array; streamed element by element'
jsonl\t'One JSON value per line (also called ndjson)'
syslog\t'RFC 5424 or RFC 3164 messages, one per line'
text\t'One record per line, read as tail-stdin reads a line (its time prefix, colours, level)'
csv\t'RFC 4180 CSV with a header row naming the fields'
obl\t'Open Board Logging: logfmt key=value lines (PROTOCOL.md)'"
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l message-field -d 'Field holding the message [default: the record\'s shape decides: message, msg, event, @m, ...]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l level-field -d 'Field holding the level [default: the record\'s shape decides: level, severity, levelname, ...]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l timestamp-field -d 'Field holding the time [default: the record\'s shape decides: timestamp, time, ts, @timestamp, ...]; `none`: stamp the read time' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l source -d 'Set metadata.source on every entry (a record\'s own source wins)' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l dataset -d 'Set metadata.dataset on every entry (a record\'s own dataset wins)' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l rejects -d 'Write every rejected record, verbatim, to FILE' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l from-line -d 'Skip the records that start before line N of the first FILE: resume where an earlier run said delivery stopped' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -s l -l level -d 'Level of the entry: debug, info, warn, error or fatal' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -s m -l meta -d 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l metadata-json -d 'Add metadata from a JSON object; -m values win on collision' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l tag -d 'Add a tag (repeatable); sent as metadata.tags' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l trace-id -d 'Use this trace id instead of the resolved one' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l user-id -d 'Set metadata.userId' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l session-id -d 'Set metadata.sessionId' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l flow -d 'Join this flow [default: $AURALOG_FLOW_ID]: entries carry its flowId, flowName, trace id and defaults, and take its next stepIndex' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l skip-invalid -d 'Report and skip invalid records instead of stopping at the first one'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l raw -d 'Send the files\' own bytes in chunks (the service parses them)'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l follow -d 'Keep shipping the files as they grow, like `tail -F` (rotation, truncation, files that appear later), with checkpoints, until SIGINT or SIGTERM (then exit 0 with everything read delivered or spooled). jsonl, text, syslog, obl and csv are followed; gzip and json documents are shipped once from their checkpoints (as with --resume), not followed'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l resume -d 'Ship only what earlier `--resume` runs did not deliver or spool: a checkpoint per file (its identity and how far it was shipped) under $XDG_STATE_HOME/auralog/checkpoints; rotated files are finished first'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l no-ci-metadata -d 'Do not add metadata.ci (the CI run detected from the environment)'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l dry-run -d 'Print the exact wire JSON, one entry a line, and send nothing'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l json -d 'At the end, print the result as one JSON object on stdout: records read and rejected, delivered, spooled, refused and lost counts, the spool dir'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand ingest" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -f -a "start" -d 'Start a flow: print its id (NAME-xxxxxxxx) and log step 0'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -f -a "step" -d 'Log the next step of a flow'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -f -a "end" -d 'End a flow: log its last step with durationMs and status, and forget it'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -f -a "run" -d 'Run a command as a flow: start, run, end; exit with its status'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -f -a "list" -d 'Show active flows: id, age, steps so far, time since the last step'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and not __fish_seen_subcommand_from start step end run list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -s l -l level -d 'Level of the entry: debug, info, warn, error or fatal' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -s m -l meta -d 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l metadata-json -d 'Add metadata from a JSON object; -m values win on collision' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l tag -d 'Add a tag (repeatable); sent as metadata.tags' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l trace-id -d 'Use this trace id instead of the resolved one' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l user-id -d 'Set metadata.userId' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l session-id -d 'Set metadata.sessionId' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l flow -d 'Join this flow [default: $AURALOG_FLOW_ID]: entries carry its flowId, flowName, trace id and defaults, and take its next stepIndex' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l export -d 'Print `export AURALOG_FLOW_ID=...` (and AURALOG_TRACE_ID) for `eval`'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l ci-export -d 'Also hand AURALOG_FLOW_ID and AURALOG_TRACE_ID to the later steps of this CI job: $GITHUB_ENV on GitHub Actions, $BASH_ENV on CircleCI, a `##vso[task.setvariable]` line on Azure Pipelines (a warning elsewhere: run the later steps in one shell, or pass --flow)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l no-ci-metadata -d 'Do not add metadata.ci (the CI run detected from the environment)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l dry-run -d 'Print the exact wire JSON, one entry a line, and send nothing'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -s l -l level -d 'Level of the entry: debug, info, warn, error or fatal' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -s m -l meta -d 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l metadata-json -d 'Add metadata from a JSON object; -m values win on collision' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l tag -d 'Add a tag (repeatable); sent as metadata.tags' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l trace-id -d 'Use this trace id instead of the resolved one' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l user-id -d 'Set metadata.userId' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l session-id -d 'Set metadata.sessionId' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l flow -d 'Join this flow [default: $AURALOG_FLOW_ID]: entries carry its flowId, flowName, trace id and defaults, and take its next stepIndex' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l stack-trace -d 'Attach a stack trace read from FILE (`-` for stdin)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l error-name -d 'Set metadata.errorName (for example the exception class)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l no-ci-metadata -d 'Do not add metadata.ci (the CI run detected from the environment)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l dry-run -d 'Print the exact wire JSON, one entry a line, and send nothing'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from step" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l status -d 'How the flow ended' -r -f -a "ok\t''
failed\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -s l -l level -d 'Level of the entry: debug, info, warn, error or fatal' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -s m -l meta -d 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l metadata-json -d 'Add metadata from a JSON object; -m values win on collision' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l tag -d 'Add a tag (repeatable); sent as metadata.tags' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l trace-id -d 'Use this trace id instead of the resolved one' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l user-id -d 'Set metadata.userId' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l session-id -d 'Set metadata.sessionId' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l flow -d 'Join this flow [default: $AURALOG_FLOW_ID]: entries carry its flowId, flowName, trace id and defaults, and take its next stepIndex' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l stack-trace -d 'Attach a stack trace read from FILE (`-` for stdin)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l error-name -d 'Set metadata.errorName (for example the exception class)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l step-summary -d 'On GitHub Actions, append a Markdown summary of the flow (steps, durations, outcome, flow and trace ids) to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l no-ci-metadata -d 'Do not add metadata.ci (the CI run detected from the environment)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l dry-run -d 'Print the exact wire JSON, one entry a line, and send nothing'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from end" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -s l -l level -d 'Level of the entry: debug, info, warn, error or fatal' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -s m -l meta -d 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l metadata-json -d 'Add metadata from a JSON object; -m values win on collision' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l tag -d 'Add a tag (repeatable); sent as metadata.tags' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l trace-id -d 'Use this trace id instead of the resolved one' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l user-id -d 'Set metadata.userId' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l session-id -d 'Set metadata.sessionId' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l flow -d 'Join this flow [default: $AURALOG_FLOW_ID]: entries carry its flowId, flowName, trace id and defaults, and take its next stepIndex' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l step-summary -d 'On GitHub Actions, append the flow\'s Markdown summary to $GITHUB_STEP_SUMMARY (as `flow end --step-summary`)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l no-ci-metadata -d 'Do not add metadata.ci (the CI run detected from the environment)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l dry-run -d 'Print the exact wire JSON, one entry a line, and send nothing'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l stale-after -d 'Mark flows stale after this long without a step (e.g. 30m, 2h, 1d)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l json -d 'One JSON object per line instead of a table'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start a flow: print its id (NAME-xxxxxxxx) and log step 0'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from help" -f -a "step" -d 'Log the next step of a flow'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from help" -f -a "end" -d 'End a flow: log its last step with durationMs and status, and forget it'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a command as a flow: start, run, end; exit with its status'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from help" -f -a "list" -d 'Show active flows: id, age, steps so far, time since the last step'
complete -c auralog -n "__fish_auralog_using_subcommand flow; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -f -a "new" -d 'Print a fresh UUID v4 (does not save it)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -f -a "get" -d 'Print the trace id auralog would use now (-v says where it came from)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -f -a "set" -d 'Save a trace id for every later run (until `trace clear`)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -f -a "clear" -d 'Forget the id saved by `trace set` (no error when none is saved)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -f -a "env" -d 'Print `export AURALOG_TRACE_ID=...` for `eval`'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -f -a "header" -d 'Print `X-Trace-Id: ...` for `curl -H`'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -f -a "exec" -d 'Run a command with AURALOG_TRACE_ID and a W3C TRACEPARENT set'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and not __fish_seen_subcommand_from new get set clear env header exec help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l ci-export -d 'Also hand AURALOG_TRACE_ID to the later steps of this CI job ($GITHUB_ENV, $BASH_ENV, Azure\'s setvariable; a warning elsewhere)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from env" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from header" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l trace-id -d 'Use this trace id instead of the resolved one' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "new" -d 'Print a fresh UUID v4 (does not save it)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print the trace id auralog would use now (-v says where it came from)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "set" -d 'Save a trace id for every later run (until `trace clear`)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Forget the id saved by `trace set` (no error when none is saved)'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "env" -d 'Print `export AURALOG_TRACE_ID=...` for `eval`'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "header" -d 'Print `X-Trace-Id: ...` for `curl -H`'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command with AURALOG_TRACE_ID and a W3C TRACEPARENT set'
complete -c auralog -n "__fish_auralog_using_subcommand trace; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l listen -d 'Address to listen on (port 0 picks a free one)' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l output -d 'Also append the JSON lines to FILE' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l fail-first -d 'Answer the first N requests with 503 and a Retry-After' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l retry-after -d 'Seconds to put in Retry-After on injected 503s' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l status -d 'Answer every request with this HTTP status (after reading it)' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l latency -d 'Wait this many milliseconds before answering each request' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l idle-timeout -d 'Close a connection that sends nothing for this many seconds, between requests or in the middle of one' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l threads -d 'Ignored: every connection has its own thread. Kept so that older scripts still run' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l json -d 'Print one JSON line per entry, {"path": ..., "entry": {...}}, instead of readable lines'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l count -d 'Print nothing per entry; count only (a sink for benchmarks)'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l full-ids -d 'Show trace ids whole in the readable view (also with --verbose); otherwise they are cut to their first 8 characters'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -f -a "status" -d 'Show pending batches (count, entries, bytes, age of the oldest) and rejected ones'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -f -a "flush" -d 'Send every pending batch now, oldest first, each with the full retry budget'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -f -a "clear" -d 'Delete spooled batches: pending and rejected, or only rejected ones'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and not __fish_seen_subcommand_from status flush clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON object instead of text'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l any-destination -d 'Also send batches spooled for another endpoint or API key to the current one'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from flush" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -s y -l yes -d 'Delete without asking'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l rejected -d 'Delete only the batches the service refused (rejected/)'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show pending batches (count, entries, bytes, age of the oldest) and rejected ones'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "flush" -d 'Send every pending batch now, oldest first, each with the full retry budget'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Delete spooled batches: pending and rejected, or only rejected ones'
complete -c auralog -n "__fish_auralog_using_subcommand spool; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -f -a "list" -d 'List each checkpoint: file, offset, line, last delivery, identity, what is left (the default)'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -f -a "forget" -d 'Forget these files\' checkpoints (or all): their next --resume starts from the beginning'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and not __fish_seen_subcommand_from list forget help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON array instead of text'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l all -d 'Forget every checkpoint'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from forget" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from help" -f -a "list" -d 'List each checkpoint: file, offset, line, last delivery, identity, what is left (the default)'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from help" -f -a "forget" -d 'Forget these files\' checkpoints (or all): their next --resume starts from the beginning'
complete -c auralog -n "__fish_auralog_using_subcommand checkpoints; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -f -a "init" -d 'Write a new config file, with mode 0600'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -f -a "show" -d 'List every setting with its value and where it came from'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -f -a "path" -d 'Print the path of the config file'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -f -a "get" -d 'Print the value one setting resolves to'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -f -a "set" -d 'Set one key in the config file, keeping its comments and mode'
complete -c auralog -n "__fish_auralog_using_subcommand config; and not __fish_seen_subcommand_from init show path get set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Replace the file if it exists'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON object instead of a table'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a new config file, with mode 0600'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'List every setting with its value and where it came from'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the path of the config file'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'Print the value one setting resolves to'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set one key in the config file, keeping its comments and mode'
complete -c auralog -n "__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l config -d 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l profile -d 'Use the [profiles.NAME] table of the config file' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l api-key -d 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l api-key-file -d 'Read the API key from this file (keep it mode 0600)' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l endpoint -d 'Ingest service URL [default: https://ingest.auralogs.ai]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -s e -l environment -d 'Environment name sent with every entry [default: production]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l flush-interval -d 'Seconds to wait before sending a partial batch [default: 5]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l batch-size -d 'Most entries in one request [default: 10000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l batch-bytes -d 'Most bytes of entries in one request [default: 1000000]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l timeout -d 'Seconds one HTTP request may take [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l retry-budget -d 'Seconds spent retrying a batch before giving up on it [default: 10]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l concurrency -d 'Requests in flight per destination: auto (adaptive, up to 32) or 1..64 [default: auto]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l min-level -d 'Drop entries below this level [default: debug]' -r -f -a "debug\t''
info\t''
warn\t''
error\t''
fatal\t''"
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l spool-dir -d 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]' -r -F
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l spool-max-bytes -d 'Most bytes the spool may hold [default: 104857600]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l outputs -d 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l otlp-endpoint -d 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l otlp-headers -d 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l otlp-protocol -d 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l service-name -d 'service.name of the OTLP resource [default: auralog]' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l resource-attributes -d 'More OTLP resource attributes, k=v,k2=v2' -r
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l color -d 'Colour output: auto, always or never (NO_COLOR is honoured)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l compress -d 'gzip request bodies'
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l strict -d 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning'
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l allow-insecure -d 'Allow plain http:// to hosts other than loopback'
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l ci-metadata -d 'Add metadata.ci to every entry (on by default; turn off with AURALOG_CI_METADATA=false or --no-ci-metadata)'
complete -c auralog -n "__fish_auralog_using_subcommand completions" -l github-step-summary -d 'On GitHub Actions, append a Markdown summary of each ended flow to $GITHUB_STEP_SUMMARY'
complete -c auralog -n "__fish_auralog_using_subcommand completions" -s v -l verbose -d 'Show each request\'s URL, status, size and time on stderr (never the key)'
complete -c auralog -n "__fish_auralog_using_subcommand completions" -s q -l quiet -d 'Print nothing on stderr but errors'
complete -c auralog -n "__fish_auralog_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "log" -d 'Send one log entry'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "tail-stdin" -d 'Stream stdin to Auralogs, one entry per line, echoing it to stdout'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "ingest" -d 'Ship whole files: json, jsonl, syslog, text, csv or obl'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "flow" -d 'Bracket multi-step work across processes: one id, numbered steps, one trace id'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "trace" -d 'Carry one trace id across processes and services'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "serve" -d 'Run a local Auralogs-compatible receiver on 127.0.0.1'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "spool" -d 'Look at, send or delete what the disk spool holds'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "checkpoints" -d 'Show or forget the checkpoints of `ingest --resume` and `ingest --follow`'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "config" -d 'Show and edit the settings and the config file'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "completions" -d 'Print the tab-completion script for a shell'
complete -c auralog -n "__fish_auralog_using_subcommand help; and not __fish_seen_subcommand_from log tail-stdin ingest flow trace serve spool checkpoints config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from flow" -f -a "start" -d 'Start a flow: print its id (NAME-xxxxxxxx) and log step 0'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from flow" -f -a "step" -d 'Log the next step of a flow'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from flow" -f -a "end" -d 'End a flow: log its last step with durationMs and status, and forget it'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from flow" -f -a "run" -d 'Run a command as a flow: start, run, end; exit with its status'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from flow" -f -a "list" -d 'Show active flows: id, age, steps so far, time since the last step'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "new" -d 'Print a fresh UUID v4 (does not save it)'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "get" -d 'Print the trace id auralog would use now (-v says where it came from)'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "set" -d 'Save a trace id for every later run (until `trace clear`)'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "clear" -d 'Forget the id saved by `trace set` (no error when none is saved)'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "env" -d 'Print `export AURALOG_TRACE_ID=...` for `eval`'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "header" -d 'Print `X-Trace-Id: ...` for `curl -H`'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from trace" -f -a "exec" -d 'Run a command with AURALOG_TRACE_ID and a W3C TRACEPARENT set'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from spool" -f -a "status" -d 'Show pending batches (count, entries, bytes, age of the oldest) and rejected ones'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from spool" -f -a "flush" -d 'Send every pending batch now, oldest first, each with the full retry budget'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from spool" -f -a "clear" -d 'Delete spooled batches: pending and rejected, or only rejected ones'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from checkpoints" -f -a "list" -d 'List each checkpoint: file, offset, line, last delivery, identity, what is left (the default)'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from checkpoints" -f -a "forget" -d 'Forget these files\' checkpoints (or all): their next --resume starts from the beginning'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a new config file, with mode 0600'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'List every setting with its value and where it came from'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the path of the config file'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'Print the value one setting resolves to'
complete -c auralog -n "__fish_auralog_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Set one key in the config file, keeping its comments and mode'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'api_key' -d 'API key of the Auralogs project'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'api_key_file' -d 'file holding the API key'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'endpoint' -d 'ingest service URL'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'environment' -d 'environment sent with every entry'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'flush_interval' -d 'seconds before a partial batch is sent'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'batch_size' -d 'most entries in one request'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'batch_bytes' -d 'most bytes of entries in one request'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'timeout' -d 'seconds one HTTP request may take'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'retry_budget' -d 'seconds spent retrying one batch'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'concurrency' -d 'requests in flight per destination: auto (adaptive, up to 32) or 1..64'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'min_level' -d 'entries below this level are dropped'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'spool_dir' -d 'where undelivered batches are kept'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'spool_max_bytes' -d 'most bytes the spool may hold'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'compress' -d 'gzip request bodies'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'strict' -d 'fail on delivery or configuration problems'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'allow_insecure' -d 'allow plain http:// to non-loopback hosts'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'ci_metadata' -d 'add metadata.ci (the CI run detected from the environment) to every entry'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'github_step_summary' -d 'on GitHub Actions, flow end appends the flow\'s summary to $GITHUB_STEP_SUMMARY'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'outputs' -d 'where entries go: auralogs, otlp, or both (a list)'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'otlp_endpoint' -d 'OTLP/HTTP receiver; /v1/logs is appended'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'otlp_headers' -d 'headers sent to the OTLP receiver (k=v,k2=v2)'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'otlp_protocol' -d 'OTLP encoding: http/protobuf or http/json'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'service_name' -d 'service.name of the OTLP resource'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'resource_attributes' -d 'more OTLP resource attributes (k=v,k2=v2)'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from get; and __fish_is_nth_token 3' -f -a 'profile' -d 'profile selected from [profiles.NAME]'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'api_key' -d 'API key of the Auralogs project'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'api_key_file' -d 'file holding the API key'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'endpoint' -d 'ingest service URL'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'environment' -d 'environment sent with every entry'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'flush_interval' -d 'seconds before a partial batch is sent'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'batch_size' -d 'most entries in one request'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'batch_bytes' -d 'most bytes of entries in one request'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'timeout' -d 'seconds one HTTP request may take'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'retry_budget' -d 'seconds spent retrying one batch'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'concurrency' -d 'requests in flight per destination: auto (adaptive, up to 32) or 1..64'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'min_level' -d 'entries below this level are dropped'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'spool_dir' -d 'where undelivered batches are kept'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'spool_max_bytes' -d 'most bytes the spool may hold'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'compress' -d 'gzip request bodies'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'strict' -d 'fail on delivery or configuration problems'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'allow_insecure' -d 'allow plain http:// to non-loopback hosts'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'ci_metadata' -d 'add metadata.ci (the CI run detected from the environment) to every entry'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'github_step_summary' -d 'on GitHub Actions, flow end appends the flow\'s summary to $GITHUB_STEP_SUMMARY'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'outputs' -d 'where entries go: auralogs, otlp, or both (a list)'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'otlp_endpoint' -d 'OTLP/HTTP receiver; /v1/logs is appended'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'otlp_headers' -d 'headers sent to the OTLP receiver (k=v,k2=v2)'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'otlp_protocol' -d 'OTLP encoding: http/protobuf or http/json'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'service_name' -d 'service.name of the OTLP resource'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'resource_attributes' -d 'more OTLP resource attributes (k=v,k2=v2)'
complete -c auralog -n '__fish_auralog_using_subcommand config; and __fish_seen_subcommand_from set; and __fish_is_nth_token 3' -f -a 'profile' -d 'profile selected from [profiles.NAME]'
complete -c auralog -n '__fish_auralog_using_subcommand completions; and __fish_is_nth_token 2' -f -a 'bash'
complete -c auralog -n '__fish_auralog_using_subcommand completions; and __fish_is_nth_token 2' -f -a 'elvish'
complete -c auralog -n '__fish_auralog_using_subcommand completions; and __fish_is_nth_token 2' -f -a 'fish'
complete -c auralog -n '__fish_auralog_using_subcommand completions; and __fish_is_nth_token 2' -f -a 'powershell'
complete -c auralog -n '__fish_auralog_using_subcommand completions; and __fish_is_nth_token 2' -f -a 'zsh'
