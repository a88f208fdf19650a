using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using CaChain.Native;

namespace CaChain.Commands
{
    // Completes Resolve-CaChainError's -Code with the names of libcachain's
    // catalogue (SEC_E_<Tab>), so the list is always exactly what the cmdlet
    // explains. The tooltip shows the code and what it means.
    public sealed class ErrorNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            // A quote the user opened is not part of the name.
            string prefix = (wordToComplete ?? string.Empty).TrimStart('\'', '"');
            return ErrorCatalog.All()
                .Where(entry => entry.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(entry => entry.Name, StringComparer.Ordinal)
                .Select(entry => new CompletionResult(entry.Name, entry.Name, CompletionResultType.ParameterValue,
                    entry.Code + " " + entry.Description));
        }
    }
}
