
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'auralog' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'auralog'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'auralog' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Send one log entry')
            [CompletionResult]::new('tail-stdin', 'tail-stdin', [CompletionResultType]::ParameterValue, 'Stream stdin to Auralogs, one entry per line, echoing it to stdout')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Ship whole files: json, jsonl, syslog, text, csv or obl')
            [CompletionResult]::new('flow', 'flow', [CompletionResultType]::ParameterValue, 'Bracket multi-step work across processes: one id, numbered steps, one trace id')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Carry one trace id across processes and services')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local Auralogs-compatible receiver on 127.0.0.1')
            [CompletionResult]::new('spool', 'spool', [CompletionResultType]::ParameterValue, 'Look at, send or delete what the disk spool holds')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and edit the settings and the config file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the tab-completion script for a shell')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'auralog;log' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--metadata-json', '--metadata-json', [CompletionResultType]::ParameterName, 'Add metadata from a JSON object; -m values win on collision')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag (repeatable); sent as metadata.tags')
            [CompletionResult]::new('--trace-id', '--trace-id', [CompletionResultType]::ParameterName, 'Use this trace id instead of the resolved one')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Set metadata.userId')
            [CompletionResult]::new('--session-id', '--session-id', [CompletionResultType]::ParameterName, 'Set metadata.sessionId')
            [CompletionResult]::new('--stack-trace', '--stack-trace', [CompletionResultType]::ParameterName, 'Attach a stack trace read from FILE (`-` for stdin)')
            [CompletionResult]::new('--error-name', '--error-name', [CompletionResultType]::ParameterName, 'Set metadata.errorName (for example the exception class)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact wire JSON, one entry a line, and send nothing')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;tail-stdin' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--metadata-json', '--metadata-json', [CompletionResultType]::ParameterName, 'Add metadata from a JSON object; -m values win on collision')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag (repeatable); sent as metadata.tags')
            [CompletionResult]::new('--trace-id', '--trace-id', [CompletionResultType]::ParameterName, 'Use this trace id instead of the resolved one')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Set metadata.userId')
            [CompletionResult]::new('--session-id', '--session-id', [CompletionResultType]::ParameterName, 'Set metadata.sessionId')
            [CompletionResult]::new('--parse', '--parse', [CompletionResultType]::ParameterName, 'How to read lines: auto (JSON objects are parsed, the rest is text), json or text')
            [CompletionResult]::new('--multiline', '--multiline', [CompletionResultType]::ParameterName, 'Fold continuation lines into one entry: `indent` or `start=REGEX`')
            [CompletionResult]::new('--multiline-timeout', '--multiline-timeout', [CompletionResultType]::ParameterName, 'Seconds without input after which a pending multi-line record is sent')
            [CompletionResult]::new('--max-line-bytes', '--max-line-bytes', [CompletionResultType]::ParameterName, 'Cut longer lines (and multi-line records) at this many bytes')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact wire JSON, one entry a line, and send nothing')
            [CompletionResult]::new('--no-echo', '--no-echo', [CompletionResultType]::ParameterName, 'Do not echo input to stdout')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;ingest' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format (default: from the extension, then from the content)')
            [CompletionResult]::new('--message-field', '--message-field', [CompletionResultType]::ParameterName, 'Field holding the message [default: message, then msg]')
            [CompletionResult]::new('--level-field', '--level-field', [CompletionResultType]::ParameterName, 'Field holding the level [default: level, then severity]')
            [CompletionResult]::new('--timestamp-field', '--timestamp-field', [CompletionResultType]::ParameterName, 'Field holding the time [default: timestamp, time, ts, @timestamp]; `none`: stamp now')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Set metadata.source on every entry (a record''s own source wins)')
            [CompletionResult]::new('--dataset', '--dataset', [CompletionResultType]::ParameterName, 'Set metadata.dataset on every entry (a record''s own dataset wins)')
            [CompletionResult]::new('--rejects', '--rejects', [CompletionResultType]::ParameterName, 'Write every rejected record, verbatim, to FILE')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--metadata-json', '--metadata-json', [CompletionResultType]::ParameterName, 'Add metadata from a JSON object; -m values win on collision')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag (repeatable); sent as metadata.tags')
            [CompletionResult]::new('--trace-id', '--trace-id', [CompletionResultType]::ParameterName, 'Use this trace id instead of the resolved one')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Set metadata.userId')
            [CompletionResult]::new('--session-id', '--session-id', [CompletionResultType]::ParameterName, 'Set metadata.sessionId')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Report and skip invalid records instead of stopping at the first one')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Send the files'' own bytes in chunks (the service parses them)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact wire JSON, one entry a line, and send nothing')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;flow' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a flow: print its id (NAME-xxxxxxxx) and log step 0')
            [CompletionResult]::new('step', 'step', [CompletionResultType]::ParameterValue, 'Log the next step of a flow')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End a flow: log its last step with durationMs and status, and forget it')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command as a flow: start, run, end; exit with its status')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show active flows: id, age, steps so far, time since the last step')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'auralog;flow;start' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--metadata-json', '--metadata-json', [CompletionResultType]::ParameterName, 'Add metadata from a JSON object; -m values win on collision')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag (repeatable); sent as metadata.tags')
            [CompletionResult]::new('--trace-id', '--trace-id', [CompletionResultType]::ParameterName, 'Use this trace id instead of the resolved one')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Set metadata.userId')
            [CompletionResult]::new('--session-id', '--session-id', [CompletionResultType]::ParameterName, 'Set metadata.sessionId')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'Print `export AURALOG_FLOW_ID=...` (and AURALOG_TRACE_ID) for `eval`')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact wire JSON, one entry a line, and send nothing')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;flow;step' {
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The flow''s id [default: $AURALOG_FLOW_ID]')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--metadata-json', '--metadata-json', [CompletionResultType]::ParameterName, 'Add metadata from a JSON object; -m values win on collision')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag (repeatable); sent as metadata.tags')
            [CompletionResult]::new('--trace-id', '--trace-id', [CompletionResultType]::ParameterName, 'Use this trace id instead of the resolved one')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Set metadata.userId')
            [CompletionResult]::new('--session-id', '--session-id', [CompletionResultType]::ParameterName, 'Set metadata.sessionId')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact wire JSON, one entry a line, and send nothing')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;flow;end' {
            [CompletionResult]::new('--flow', '--flow', [CompletionResultType]::ParameterName, 'The flow''s id [default: $AURALOG_FLOW_ID]')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'How the flow ended')
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--metadata-json', '--metadata-json', [CompletionResultType]::ParameterName, 'Add metadata from a JSON object; -m values win on collision')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag (repeatable); sent as metadata.tags')
            [CompletionResult]::new('--trace-id', '--trace-id', [CompletionResultType]::ParameterName, 'Use this trace id instead of the resolved one')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Set metadata.userId')
            [CompletionResult]::new('--session-id', '--session-id', [CompletionResultType]::ParameterName, 'Set metadata.sessionId')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact wire JSON, one entry a line, and send nothing')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;flow;run' {
            [CompletionResult]::new('-l', '-l', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'Level of the entry: debug, info, warn, error or fatal')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Add metadata: KEY=VALUE for a string, KEY:=JSON for a typed value')
            [CompletionResult]::new('--metadata-json', '--metadata-json', [CompletionResultType]::ParameterName, 'Add metadata from a JSON object; -m values win on collision')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag (repeatable); sent as metadata.tags')
            [CompletionResult]::new('--trace-id', '--trace-id', [CompletionResultType]::ParameterName, 'Use this trace id instead of the resolved one')
            [CompletionResult]::new('--user-id', '--user-id', [CompletionResultType]::ParameterName, 'Set metadata.userId')
            [CompletionResult]::new('--session-id', '--session-id', [CompletionResultType]::ParameterName, 'Set metadata.sessionId')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact wire JSON, one entry a line, and send nothing')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;flow;list' {
            [CompletionResult]::new('--stale-after', '--stale-after', [CompletionResultType]::ParameterName, 'Mark flows stale after this long without a step (e.g. 30m, 2h, 1d)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'One JSON object per line instead of a table')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;flow;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a flow: print its id (NAME-xxxxxxxx) and log step 0')
            [CompletionResult]::new('step', 'step', [CompletionResultType]::ParameterValue, 'Log the next step of a flow')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End a flow: log its last step with durationMs and status, and forget it')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command as a flow: start, run, end; exit with its status')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show active flows: id, age, steps so far, time since the last step')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'auralog;flow;help;start' {
            break
        }
        'auralog;flow;help;step' {
            break
        }
        'auralog;flow;help;end' {
            break
        }
        'auralog;flow;help;run' {
            break
        }
        'auralog;flow;help;list' {
            break
        }
        'auralog;flow;help;help' {
            break
        }
        'auralog;trace' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Print a fresh UUID v4 (does not save it)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the trace id auralog would use now (-v says where it came from)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Save a trace id for every later run (until `trace clear`)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Forget the id saved by `trace set` (no error when none is saved)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print `export AURALOG_TRACE_ID=...` for `eval`')
            [CompletionResult]::new('header', 'header', [CompletionResultType]::ParameterValue, 'Print `X-Trace-Id: ...` for `curl -H`')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with AURALOG_TRACE_ID and a W3C TRACEPARENT set')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'auralog;trace;new' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;trace;get' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;trace;set' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;trace;clear' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;trace;env' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;trace;header' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;trace;exec' {
            [CompletionResult]::new('--trace-id', '--trace-id', [CompletionResultType]::ParameterName, 'Use this trace id instead of the resolved one')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;trace;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Print a fresh UUID v4 (does not save it)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the trace id auralog would use now (-v says where it came from)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Save a trace id for every later run (until `trace clear`)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Forget the id saved by `trace set` (no error when none is saved)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print `export AURALOG_TRACE_ID=...` for `eval`')
            [CompletionResult]::new('header', 'header', [CompletionResultType]::ParameterValue, 'Print `X-Trace-Id: ...` for `curl -H`')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with AURALOG_TRACE_ID and a W3C TRACEPARENT set')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'auralog;trace;help;new' {
            break
        }
        'auralog;trace;help;get' {
            break
        }
        'auralog;trace;help;set' {
            break
        }
        'auralog;trace;help;clear' {
            break
        }
        'auralog;trace;help;env' {
            break
        }
        'auralog;trace;help;header' {
            break
        }
        'auralog;trace;help;exec' {
            break
        }
        'auralog;trace;help;help' {
            break
        }
        'auralog;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (port 0 picks a free one)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Also append the JSON lines to FILE')
            [CompletionResult]::new('--fail-first', '--fail-first', [CompletionResultType]::ParameterName, 'Answer the first N requests with 503 and a Retry-After')
            [CompletionResult]::new('--retry-after', '--retry-after', [CompletionResultType]::ParameterName, 'Seconds to put in Retry-After on injected 503s')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Answer every request with this HTTP status (after reading it)')
            [CompletionResult]::new('--latency', '--latency', [CompletionResultType]::ParameterName, 'Wait this many milliseconds before answering each request')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close a connection that sends nothing for this many seconds, between requests or in the middle of one')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Ignored: every connection has its own thread. Kept so that older scripts still run')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON line per entry, {"path": ..., "entry": {...}}, instead of readable lines')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Print nothing per entry; count only (a sink for benchmarks)')
            [CompletionResult]::new('--full-ids', '--full-ids', [CompletionResultType]::ParameterName, 'Show trace ids whole in the readable view (also with --verbose); otherwise they are cut to their first 8 characters')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;spool' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show pending batches (count, entries, bytes, age of the oldest) and rejected ones')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Send every pending batch now, oldest first, each with the full retry budget')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete spooled batches: pending and rejected, or only rejected ones')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'auralog;spool;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;spool;flush' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--any-destination', '--any-destination', [CompletionResultType]::ParameterName, 'Also send batches spooled for another endpoint or API key to the current one')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;spool;clear' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking')
            [CompletionResult]::new('--rejected', '--rejected', [CompletionResultType]::ParameterName, 'Delete only the batches the service refused (rejected/)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;spool;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show pending batches (count, entries, bytes, age of the oldest) and rejected ones')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Send every pending batch now, oldest first, each with the full retry budget')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete spooled batches: pending and rejected, or only rejected ones')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'auralog;spool;help;status' {
            break
        }
        'auralog;spool;help;flush' {
            break
        }
        'auralog;spool;help;clear' {
            break
        }
        'auralog;spool;help;help' {
            break
        }
        'auralog;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a new config file, with mode 0600')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List every setting with its value and where it came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the value one setting resolves to')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one key in the config file, keeping its comments and mode')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'auralog;config;init' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the file if it exists')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of a table')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;config;path' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;config;get' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;config;set' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;config;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a new config file, with mode 0600')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List every setting with its value and where it came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the value one setting resolves to')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one key in the config file, keeping its comments and mode')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'auralog;config;help;init' {
            break
        }
        'auralog;config;help;show' {
            break
        }
        'auralog;config;help;path' {
            break
        }
        'auralog;config;help;get' {
            break
        }
        'auralog;config;help;set' {
            break
        }
        'auralog;config;help;help' {
            break
        }
        'auralog;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ~/.config/auralog/config.toml (or AURALOG_CONFIG)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the [profiles.NAME] table of the config file')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'API key (prefer AURALOG_API_KEY or --api-key-file: this one shows in `ps`)')
            [CompletionResult]::new('--api-key-file', '--api-key-file', [CompletionResultType]::ParameterName, 'Read the API key from this file (keep it mode 0600)')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Ingest service URL [default: https://ingest.auralogs.ai]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--environment', '--environment', [CompletionResultType]::ParameterName, 'Environment name sent with every entry [default: production]')
            [CompletionResult]::new('--flush-interval', '--flush-interval', [CompletionResultType]::ParameterName, 'Seconds to wait before sending a partial batch [default: 5]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Most entries in one request [default: 1000]')
            [CompletionResult]::new('--batch-bytes', '--batch-bytes', [CompletionResultType]::ParameterName, 'Most bytes of entries in one request [default: 1000000]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one HTTP request may take [default: 10]')
            [CompletionResult]::new('--retry-budget', '--retry-budget', [CompletionResultType]::ParameterName, 'Seconds spent retrying a batch before giving up on it [default: 10]')
            [CompletionResult]::new('--min-level', '--min-level', [CompletionResultType]::ParameterName, 'Drop entries below this level [default: debug]')
            [CompletionResult]::new('--spool-dir', '--spool-dir', [CompletionResultType]::ParameterName, 'Where undelivered batches are kept [default: $XDG_STATE_HOME/auralog/spool]')
            [CompletionResult]::new('--spool-max-bytes', '--spool-max-bytes', [CompletionResultType]::ParameterName, 'Most bytes the spool may hold [default: 104857600]')
            [CompletionResult]::new('--outputs', '--outputs', [CompletionResultType]::ParameterName, 'Where entries go: auralogs, otlp, or both (auralogs,otlp) [default: auralogs]')
            [CompletionResult]::new('--otlp-endpoint', '--otlp-endpoint', [CompletionResultType]::ParameterName, 'OTLP/HTTP receiver (a Collector); /v1/logs is appended [default: http://localhost:4318]')
            [CompletionResult]::new('--otlp-headers', '--otlp-headers', [CompletionResultType]::ParameterName, 'Headers sent to the OTLP receiver, k=v,k2=v2 (values are never printed)')
            [CompletionResult]::new('--otlp-protocol', '--otlp-protocol', [CompletionResultType]::ParameterName, 'OTLP encoding: http/protobuf or http/json [default: http/protobuf]')
            [CompletionResult]::new('--service-name', '--service-name', [CompletionResultType]::ParameterName, 'service.name of the OTLP resource [default: auralog]')
            [CompletionResult]::new('--resource-attributes', '--resource-attributes', [CompletionResultType]::ParameterName, 'More OTLP resource attributes, k=v,k2=v2')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour output: auto, always or never (NO_COLOR is honoured)')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'gzip request bodies')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail (exit 75/77/78) on delivery or configuration problems instead of warning')
            [CompletionResult]::new('--allow-insecure', '--allow-insecure', [CompletionResultType]::ParameterName, 'Allow plain http:// to hosts other than loopback')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show each request''s URL, status, size and time on stderr (never the key)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing on stderr but errors')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'auralog;help' {
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Send one log entry')
            [CompletionResult]::new('tail-stdin', 'tail-stdin', [CompletionResultType]::ParameterValue, 'Stream stdin to Auralogs, one entry per line, echoing it to stdout')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Ship whole files: json, jsonl, syslog, text, csv or obl')
            [CompletionResult]::new('flow', 'flow', [CompletionResultType]::ParameterValue, 'Bracket multi-step work across processes: one id, numbered steps, one trace id')
            [CompletionResult]::new('trace', 'trace', [CompletionResultType]::ParameterValue, 'Carry one trace id across processes and services')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run a local Auralogs-compatible receiver on 127.0.0.1')
            [CompletionResult]::new('spool', 'spool', [CompletionResultType]::ParameterValue, 'Look at, send or delete what the disk spool holds')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show and edit the settings and the config file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the tab-completion script for a shell')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'auralog;help;log' {
            break
        }
        'auralog;help;tail-stdin' {
            break
        }
        'auralog;help;ingest' {
            break
        }
        'auralog;help;flow' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a flow: print its id (NAME-xxxxxxxx) and log step 0')
            [CompletionResult]::new('step', 'step', [CompletionResultType]::ParameterValue, 'Log the next step of a flow')
            [CompletionResult]::new('end', 'end', [CompletionResultType]::ParameterValue, 'End a flow: log its last step with durationMs and status, and forget it')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command as a flow: start, run, end; exit with its status')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Show active flows: id, age, steps so far, time since the last step')
            break
        }
        'auralog;help;flow;start' {
            break
        }
        'auralog;help;flow;step' {
            break
        }
        'auralog;help;flow;end' {
            break
        }
        'auralog;help;flow;run' {
            break
        }
        'auralog;help;flow;list' {
            break
        }
        'auralog;help;trace' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Print a fresh UUID v4 (does not save it)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the trace id auralog would use now (-v says where it came from)')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Save a trace id for every later run (until `trace clear`)')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Forget the id saved by `trace set` (no error when none is saved)')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print `export AURALOG_TRACE_ID=...` for `eval`')
            [CompletionResult]::new('header', 'header', [CompletionResultType]::ParameterValue, 'Print `X-Trace-Id: ...` for `curl -H`')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with AURALOG_TRACE_ID and a W3C TRACEPARENT set')
            break
        }
        'auralog;help;trace;new' {
            break
        }
        'auralog;help;trace;get' {
            break
        }
        'auralog;help;trace;set' {
            break
        }
        'auralog;help;trace;clear' {
            break
        }
        'auralog;help;trace;env' {
            break
        }
        'auralog;help;trace;header' {
            break
        }
        'auralog;help;trace;exec' {
            break
        }
        'auralog;help;serve' {
            break
        }
        'auralog;help;spool' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show pending batches (count, entries, bytes, age of the oldest) and rejected ones')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Send every pending batch now, oldest first, each with the full retry budget')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Delete spooled batches: pending and rejected, or only rejected ones')
            break
        }
        'auralog;help;spool;status' {
            break
        }
        'auralog;help;spool;flush' {
            break
        }
        'auralog;help;spool;clear' {
            break
        }
        'auralog;help;config' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a new config file, with mode 0600')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List every setting with its value and where it came from')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the path of the config file')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the value one setting resolves to')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set one key in the config file, keeping its comments and mode')
            break
        }
        'auralog;help;config;init' {
            break
        }
        'auralog;help;config;show' {
            break
        }
        'auralog;help;config;path' {
            break
        }
        'auralog;help;config;get' {
            break
        }
        'auralog;help;config;set' {
            break
        }
        'auralog;help;completions' {
            break
        }
        'auralog;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
