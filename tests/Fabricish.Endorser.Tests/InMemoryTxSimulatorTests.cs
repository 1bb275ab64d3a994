using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;

namespace Fabricish.Endorser.Tests;

public sealed class InMemoryTxSimulatorTests : TxSimulatorBehaviour
{
    protected override IStateDatabase CreateFresh() => new InMemoryStateDatabase();
}
