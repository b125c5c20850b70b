/*
 * The board's main(): hardware first, then the application's set-up
 * (iBoardApplicationInit(), defined by the firmware), then the scheduler.
 */
#include "FreeRTOS.h"
#include "task.h"

#include "mps2_an386.h"

int main( void )
{
    int iStatus;

    vBoardInit();

    iStatus = iBoardApplicationInit();

    if( iStatus != 0 )
    {
        vBoardUartPuts( "BOARD application set-up failed\n" );
        vBoardExit( iStatus );
    }

    vTaskStartScheduler();

    /* Only reached if the idle or timer task could not be created. */
    vBoardUartPuts( "BOARD vTaskStartScheduler() returned (out of heap?)\n" );
    vBoardExit( 1 );
}
