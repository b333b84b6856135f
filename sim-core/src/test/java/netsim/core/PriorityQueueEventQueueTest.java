package netsim.core;

class PriorityQueueEventQueueTest extends EventQueueContractTest {
  @Override
  EventQueue newQueue() {
    return new PriorityQueueEventQueue();
  }
}
