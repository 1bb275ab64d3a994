using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;

namespace Fabricish.Ledger.Tests.State;

public sealed class InMemoryStateDatabaseTests : RichQueryStateDatabaseBehaviour
{
    protected override IStateDatabase Create(string channel) => new InMemoryStateDatabase();
}
