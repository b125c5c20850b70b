/*
 * FREERTOS_PLUS_TCP_NETWORK_IF MPS2_AN385: upstream's driver names its
 * interrupt handler EthernetISR, and board start-up code written for it puts
 * that name in the vector table (line 13). This library's LAN9118 driver
 * (freertos-port/network/lan9118) calls its handler ETHERNET_IRQHandler; the
 * weak EthernetISR below forwards to it, so such start-up code links
 * unchanged. A strong EthernetISR elsewhere takes precedence.
 */
void ETHERNET_IRQHandler( void );
void EthernetISR( void );

__attribute__( ( weak ) ) void EthernetISR( void )
{
    ETHERNET_IRQHandler();
}
